/**
 * A visit's vital signs become readings of the patient's health record (source `nurse`, DOMAIN §4),
 * judged by the same rules and written by the same shared code (common/readings.ts) as the family's
 * own, inside the transaction that completes the visit.
 */
import type { VitalsInput } from '../../types/nursing'
import type { MeasureInput, RecordRules } from '../../types/records-rules'
import { AppError } from '../common/errors'
import type { ProfileDoc } from '../common/patients'
import { activeEnrolments, prepareReading, type PreparedReading } from '../common/readings'

/** Each measure with the vitals field it came from, so a refused value names the nurse's field. */
function measuresOf(v: VitalsInput): Array<{ field: keyof VitalsInput; measure: MeasureInput }> {
  const out: Array<{ field: keyof VitalsInput; measure: MeasureInput }> = []
  if (v.systolic !== undefined && v.diastolic !== undefined)
    out.push({ field: 'systolic', measure: { kind: 'bp', systolic: v.systolic, diastolic: v.diastolic } })
  if (v.heartRate !== undefined) out.push({ field: 'heartRate', measure: { kind: 'heart_rate', value: v.heartRate } })
  if (v.temperature !== undefined) out.push({ field: 'temperature', measure: { kind: 'temperature', value: v.temperature } })
  if (v.spo2 !== undefined) out.push({ field: 'spo2', measure: { kind: 'spo2', value: v.spo2 } })
  // A nurse's glucometer reading at the door is taken whenever she arrives: random, in mmol/L.
  if (v.glucose !== undefined)
    out.push({ field: 'glucose', measure: { kind: 'glucose', value: v.glucose, unit: 'mmol/L', context: 'random' } })
  return out
}

export async function visitReadings(
  visitId: string,
  nurseAccountId: string,
  profile: ProfileDoc,
  vitals: VitalsInput,
  rules: RecordRules,
  at: Date
): Promise<PreparedReading[]> {
  const measures = measuresOf(vitals)
  if (!measures.length) return []
  const enrolments = await activeEnrolments([profile._id])
  const out: PreparedReading[] = []
  for (const m of measures) {
    try {
      out.push(
        await prepareReading(
          profile,
          enrolments,
          {
            measure: m.measure,
            measuredAt: at.toISOString(),
            source: 'nurse',
            enteredBy: nurseAccountId,
            // One reading per kind per visit: a retried completion finds the same reading.
            key: `visit:${visitId}:${m.measure.kind}`,
            visitId
          },
          rules,
          at
        )
      )
    } catch (err) {
      if (err instanceof AppError && err.code === 'INVALID_INPUT') {
        const field = m.field === 'systolic' && err.fields?.['measure.diastolic'] ? 'diastolic' : m.field
        throw new AppError('INVALID_INPUT', err.message, { [`record.vitals.${field}`]: err.message })
      }
      throw err
    }
  }
  return out
}
