/**
 * Every status change of a follow-up task, through the common `transition` (the only writer of a
 * status), and the notices they send. A task that leaves `open` lets go of its unique open key in
 * the same transaction, so the next task for that patient and reason can open. A notice announcing a
 * move is written in the move's transaction.
 */
import { randomBytes } from 'node:crypto'
import { TASK_REASON_LABELS, TASK_STATUS_LABELS, taskWorkflow, type TaskStatus } from '../../types/records'
import { closedTaskKey, openTaskKey } from '../../types/records-rules'
import { iso } from '../common/clock'
import type { Transaction } from '../common/db'
import { isDuplicateKeyError } from '../common/errors'
import { enqueue, enqueueIn } from '../common/outbox'
import { transition, type Actor } from '../common/transition'
import { ENROLMENTS, FOLLOW_UPS, TASKS, type EnrolmentDoc, type FollowUpDoc, type TaskDoc } from './docs'
import { collection } from '../common/typed'

/** The family's 健康档案 (it opens on the profile named by `profileId`). */
export const RECORDS_PAGE = '/packages/records/home/index'

export interface DoneMove {
  task: TaskDoc
  actor: Actor
  followUp: FollowUpDoc
  nextDate: string
  /** Another open planned task to move to the next date instead of opening one. */
  plannedOpen: TaskDoc | null
  /** Enrolments whose complications on record grow with this follow-up. */
  enrolments: EnrolmentDoc[]
}

export function plannedTask(base: Pick<TaskDoc, 'profileId' | 'accountId' | 'patientName'>, dueDate: string, at: string): TaskDoc {
  return {
    _id: `fu_${randomBytes(12).toString('hex')}`,
    profileId: base.profileId,
    accountId: base.accountId,
    patientName: base.patientName,
    reason: 'planned',
    status: 'open',
    openKey: openTaskKey(base.profileId, 'planned'),
    dueDate,
    readingIds: [],
    followUpId: null,
    closeReason: null,
    createdAt: at,
    updatedAt: at
  }
}

/** Done with the follow-up written, the next follow-up scheduled and complications recorded, all at once. */
export async function completeTask(m: DoneMove): Promise<{ task: TaskDoc; next: TaskDoc | null }> {
  const at = m.followUp.at
  let next: TaskDoc | null = null
  const { doc } = await transition<TaskStatus, TaskDoc>({
    collection: TASKS,
    id: m.task._id,
    workflow: taskWorkflow,
    labels: TASK_STATUS_LABELS,
    to: 'done',
    from: 'open',
    actor: m.actor,
    patch: { openKey: closedTaskKey(m.task._id), followUpId: m.followUp._id },
    eventData: { followUpId: m.followUp._id, classification: m.followUp.classification },
    within: async (tx: Transaction) => {
      // The key is released before the next planned task takes it, inside this transaction.
      await tx
        .collection(TASKS)
        .doc(m.task._id)
        .update({ openKey: closedTaskKey(m.task._id) })
      await tx.collection(FOLLOW_UPS).add(m.followUp)
      if (m.plannedOpen && m.plannedOpen._id !== m.task._id) {
        await tx.collection(TASKS).doc(m.plannedOpen._id).update({ dueDate: m.nextDate, updatedAt: at })
        next = { ...m.plannedOpen, dueDate: m.nextDate }
      } else {
        next = plannedTask(m.task, m.nextDate, at)
        await tx.collection(TASKS).add(next)
      }
      for (const e of m.enrolments) {
        const complications = [...new Set([...e.complications, ...m.followUp.form.complications])]
        if (complications.length !== e.complications.length) await tx.collection(ENROLMENTS).doc(e._id).update({ complications })
      }
      // The family's notice commits with the follow-up or not at all.
      await enqueueIn(tx, {
        accountId: m.task.accountId,
        kind: 'records_follow_up_done',
        title: '随访已完成',
        body: `${m.task.patientName}的随访已由${m.followUp.doctorName}医生完成，下次随访日期：${m.nextDate}。`,
        page: `${RECORDS_PAGE}?profileId=${m.task.profileId}`,
        fields: { thing1: m.task.patientName, date2: m.nextDate },
        dedupeKey: `records_done_${m.task._id}`
      })
    }
  })
  return { task: doc, next }
}

export async function closeTask(task: TaskDoc, actor: Actor, reason: string): Promise<TaskDoc> {
  const { doc } = await transition<TaskStatus, TaskDoc>({
    collection: TASKS,
    id: task._id,
    workflow: taskWorkflow,
    labels: TASK_STATUS_LABELS,
    to: 'closed',
    from: 'open',
    actor,
    note: reason,
    patch: { openKey: closedTaskKey(task._id), closeReason: reason }
  })
  return doc
}

/** Opens a planned follow-up unless one is open; true when it opened one. */
export async function openPlanned(base: Pick<TaskDoc, 'profileId' | 'accountId' | 'patientName'>, dueDate: string): Promise<boolean> {
  try {
    await collection<TaskDoc>(TASKS).add(plannedTask(base, dueDate, iso()))
    return true
  } catch (err) {
    if (isDuplicateKeyError(err)) return false
    throw err
  }
}

/** The family hears when a follow-up is due, once per task. */
export async function tellDue(t: TaskDoc): Promise<void> {
  await enqueue({
    accountId: t.accountId,
    kind: 'records_follow_up_due',
    title: '随访提醒',
    body: `${t.patientName}的随访（${TASK_REASON_LABELS[t.reason]}）已到期，随访医生会尽快与您联系，请保持电话畅通。`,
    page: `${RECORDS_PAGE}?profileId=${t.profileId}`,
    fields: { thing1: t.patientName, thing2: TASK_REASON_LABELS[t.reason], date3: t.dueDate },
    dedupeKey: `records_due_${t._id}`
  })
}
