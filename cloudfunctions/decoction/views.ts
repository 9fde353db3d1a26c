/** Stored prescriptions, orders and events → what the app sees (names and phones masked for staff lists). */
import type { EventView, OrderStatus, OrderSummary, OrderView, PrescriptionView, QueueItem } from '../../types/decoction'
import { soakingState } from '../../types/decoction-rules'
import { maskName, maskPhone } from '../../types/idcard'
import type { StatusEvent } from '../common/transition'
import type { OrderDoc, PrescriptionDoc, StepData } from './docs'

export function prescriptionView(p: PrescriptionDoc, order: Pick<OrderDoc, '_id' | 'orderNo' | 'status'> | null): PrescriptionView {
  return {
    id: p._id,
    rxNo: p.rxNo,
    profileId: p.profileId,
    patientName: p.patientName,
    doctorName: p.doctorName,
    ...(p.diagnosis ? { diagnosis: p.diagnosis } : {}),
    ...(p.appointmentId ? { appointmentId: p.appointmentId } : {}),
    herbs: p.herbs.map((h) => ({ name: h.name, grams: h.grams, handling: h.handling })),
    doses: p.doses,
    packsPerDose: p.packsPerDose,
    mlPerPack: p.mlPerPack,
    instructions: p.instructions,
    createdAt: p.createdAt,
    order: order ? { id: order._id, orderNo: order.orderNo, status: order.status } : null
  }
}

export function orderView(o: OrderDoc): OrderView {
  return {
    id: o._id,
    orderNo: o.orderNo,
    status: o.status,
    prescriptionId: o.prescriptionId,
    rxNo: o.rxNo,
    profileId: o.profileId,
    patientName: o.patientName,
    patientPhone: o.patientPhone,
    delivery: o.delivery,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    address: o.address,
    doses: o.doses,
    packsPerDose: o.packsPerDose,
    mlPerPack: o.mlPerPack,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    ...(o.soakStartedAt ? { soakStartedAt: o.soakStartedAt } : {}),
    ...(o.decoction ? { decoction: o.decoction } : {}),
    ...(o.packCount !== undefined ? { packCount: o.packCount } : {}),
    ...(o.courier ? { courier: o.courier } : {}),
    ...(o.rejectReason ? { rejectReason: o.rejectReason } : {}),
    ...(o.cancelReason ? { cancelReason: o.cancelReason } : {})
  }
}

export function orderSummary(o: OrderDoc): OrderSummary {
  return {
    id: o._id,
    orderNo: o.orderNo,
    status: o.status,
    patientName: o.patientName,
    delivery: o.delivery,
    doses: o.doses,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    ...(o.courier ? { courier: o.courier } : {})
  }
}

export function queueItem(o: OrderDoc, now: Date, soakingMinutes: number): QueueItem {
  const soak = o.status === 'soaking' && o.soakStartedAt ? soakingState(o.soakStartedAt, now, soakingMinutes) : undefined
  return {
    id: o._id,
    orderNo: o.orderNo,
    status: o.status,
    patientNameMasked: maskName(o.patientName),
    phoneMasked: maskPhone(o.contactPhone),
    delivery: o.delivery,
    doses: o.doses,
    packsPerDose: o.packsPerDose,
    handlings: o.handlings,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    ...(o.soakStartedAt ? { soakStartedAt: o.soakStartedAt } : {}),
    ...(soak ? { soakedMinutes: soak.minutes } : {}),
    overdue: soak?.overdue ?? false
  }
}

export function eventView(e: StatusEvent<OrderStatus> & { data?: StepData }, names?: Map<string, string>): EventView {
  const byPharmacy = e.data?.side ? e.data.side === 'pharmacy' : e.by.roles.includes('pharmacist')
  const d = e.data ?? {}
  const name = byPharmacy ? names?.get(e.by.accountId) : undefined
  return {
    from: e.from,
    to: e.to,
    at: e.at,
    by: byPharmacy ? 'pharmacy' : 'patient',
    ...(name ? { byName: name } : {}),
    ...(e.note ? { note: e.note } : {}),
    ...(d.machine ? { machine: d.machine } : {}),
    ...(d.startedAt ? { startedAt: d.startedAt } : {}),
    ...(d.steps ? { steps: d.steps } : {}),
    ...(d.packCount !== undefined ? { packCount: d.packCount } : {}),
    ...(d.courier ? { courier: d.courier } : {}),
    ...(d.trackingNo ? { trackingNo: d.trackingNo } : {})
  }
}
