/**
 * What each pharmacy step records, checked against the order and its prescription before the move:
 * start times, the 先煎/后下 minutes, the pack count, courier and tracking number, reasons.
 * Pure: the order, the herbs and the time in; the fields to write and the event's details out.
 */
import type { AdvanceInput } from '../../types/decoction'
import type { HerbInput } from '../../types/decoction'
import { decoctStepsProblem, deliveryProblem, packCountProblem, startTimeProblem, stepTimeProblem } from '../../types/decoction-rules'
import { AppError } from '../common/errors'
import type { OrderDoc, StepData } from './docs'

export interface StepWrite {
  note?: string
  patch: Partial<OrderDoc>
  data: StepData
}

function invalid(field: string, message: string): AppError {
  return new AppError('INVALID_INPUT', message, { [field]: message })
}

function startTime(given: string | undefined, now: Date): string {
  const at = given ?? now.toISOString()
  const problem = startTimeProblem(at, now)
  if (problem) throw invalid('startedAt', problem)
  return new Date(at).toISOString()
}

/** A start time the rules call impossible stands only with the pharmacist's reason, kept as the event's note. */
function checkStepTime(problem: string | null, timeReason: string | undefined): { note?: string } {
  if (!problem) return {}
  if (!timeReason) throw new AppError('INVALID_INPUT', problem, { startedAt: problem, timeReason: '如时间无误，请填写原因' })
  return { note: `时间说明：${timeReason}` }
}

export function stepWrite(input: AdvanceInput, order: OrderDoc, herbs: readonly HerbInput[], now: Date, soakingMinutes: number): StepWrite {
  const delivery = deliveryProblem(input.to, order.delivery)
  if (delivery) throw new AppError('CONFLICT', delivery)
  switch (input.to) {
    case 'reviewed':
    case 'dispensing':
    case 'ready_for_pickup':
    case 'delivered':
      return { ...(input.note ? { note: input.note } : {}), patch: {}, data: {} }
    case 'rejected':
      return { note: input.reason, patch: { rejectReason: input.reason }, data: {} }
    case 'cancelled':
      return { note: input.reason, patch: { cancelReason: input.reason }, data: {} }
    case 'soaking': {
      const startedAt = startTime(input.startedAt, now)
      // The order reached 配药 at its last move (transition stamps updatedAt on every move).
      const dispensingAt = order.status === 'dispensing' ? order.updatedAt : undefined
      const problem = dispensingAt ? stepTimeProblem({ to: 'soaking', startedAt, dispensingAt }, soakingMinutes) : null
      return { ...checkStepTime(problem, input.timeReason), patch: { soakStartedAt: startedAt }, data: { startedAt } }
    }
    case 'decocting': {
      const startedAt = startTime(input.startedAt, now)
      if (order.soakStartedAt && startedAt < order.soakStartedAt) throw invalid('startedAt', '煎煮开始时间不能早于浸泡开始时间')
      const early = stepTimeProblem({ to: 'decocting', startedAt, soakStartedAt: order.soakStartedAt }, soakingMinutes)
      const timeNote = checkStepTime(early, input.timeReason)
      const given = input.steps ?? []
      const problem = decoctStepsProblem(herbs, given)
      if (problem) throw invalid('steps', problem)
      const steps = given.map((s) => ({
        handling: s.handling,
        minutes: s.minutes,
        herbs: herbs.filter((h) => h.handling === s.handling).map((h) => h.name)
      }))
      const decoction = { machine: input.machine, startedAt, steps }
      return { ...timeNote, patch: { decoction }, data: { machine: input.machine, startedAt, steps } }
    }
    case 'packed': {
      const problem = packCountProblem(input.packCount, order.doses, order.packsPerDose)
      if (problem) throw invalid('packCount', problem)
      return { patch: { packCount: input.packCount }, data: { packCount: input.packCount } }
    }
    case 'shipped': {
      const courier = { company: input.courier, trackingNo: input.trackingNo.toUpperCase() }
      return { patch: { courier }, data: { courier: courier.company, trackingNo: courier.trackingNo } }
    }
  }
}
