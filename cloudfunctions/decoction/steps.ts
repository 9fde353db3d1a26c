/**
 * What each pharmacy step records, checked against the order and its prescription before the move:
 * start times, the 先煎/后下 minutes, the pack count, courier and tracking number, reasons.
 * Pure: the order, the herbs and the time in; the fields to write and the event's details out.
 */
import type { AdvanceInput } from '../../types/decoction'
import type { HerbInput } from '../../types/decoction'
import { decoctStepsProblem, deliveryProblem, packCountProblem, startTimeProblem } from '../../types/decoction-rules'
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

export function stepWrite(input: AdvanceInput, order: OrderDoc, herbs: readonly HerbInput[], now: Date): StepWrite {
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
      return { patch: { soakStartedAt: startedAt }, data: { startedAt } }
    }
    case 'decocting': {
      const startedAt = startTime(input.startedAt, now)
      if (order.soakStartedAt && startedAt < order.soakStartedAt) throw invalid('startedAt', '煎煮开始时间不能早于浸泡开始时间')
      const given = input.steps ?? []
      const problem = decoctStepsProblem(herbs, given)
      if (problem) throw invalid('steps', problem)
      const steps = given.map((s) => ({
        handling: s.handling,
        minutes: s.minutes,
        herbs: herbs.filter((h) => h.handling === s.handling).map((h) => h.name)
      }))
      const decoction = { machine: input.machine, startedAt, steps }
      return { patch: { decoction }, data: { machine: input.machine, startedAt, steps } }
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
