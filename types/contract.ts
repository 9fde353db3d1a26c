/**
 * The function contract shared by the app and every cloud function.
 * An action is declared once here (input, output, roles, retry key); the server routes with it and
 * the client infers its types from it.
 */
import { z } from 'zod'

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'SLOT_FULL',
  'OUTSIDE_WINDOW',
  'RATE_LIMITED',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Staff roles come from the `staff` collection; `patient` is every signed-in account. */
export const STAFF_ROLES = ['scheduler', 'hotline', 'pharmacist', 'nurse', 'nursing_dispatcher', 'doctor', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]
export const ROLES = ['patient', ...STAFF_ROLES] as const
export type Role = (typeof ROLES)[number]
/** `system` is a timer trigger: no WeChat user behind it. */
export type Caller = Role | 'system'

export const ROLE_LABELS: Record<Role, string> = {
  patient: '患者/家属',
  scheduler: '排班员',
  hotline: '热线客服',
  pharmacist: '药师',
  nurse: '护士',
  nursing_dispatcher: '护理部',
  doctor: '医生',
  admin: '管理员'
}

export interface FunctionEvent {
  action: string
  data?: unknown
  requestId?: string
}

export interface ActionError {
  code: ErrorCode
  message: string
  fields?: Record<string, string>
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError }

/**
 * Ids of demo records the contract's examples point at. The authorization matrix and the fuzz
 * tests build these from the demo seed: "own" belongs to the calling family (李梅's), "other" to
 * another family (张伟's). A new service adds the fixtures its examples need.
 */
export interface Fixtures {
  ownProfileId: string
  otherProfileId: string
  /** An account holding a staff role (the demo nurse). */
  staffAccountId: string
  /** A plain patient account (李梅). */
  patientAccountId: string
  /** Booking (专家号预约), from the demo seed; "own" is 李德福 (李梅's father). */
  booking: {
    /** Released, before its cutoff, places left; 李德福 has no booking on it. */
    openScheduleId: string
    openSliceId: string
    /** Every place taken (by 张伟's family); open for the waitlist. */
    fullScheduleId: string
    draftScheduleId: string
    /** 李德福's upcoming booking, before its cancel cutoff. */
    ownAppointmentId: string
    /** 李德福's booking today (check-in). */
    todayAppointmentId: string
    /** 李德福's visit two days ago, with its free return visit. */
    ownCompletedAppointmentId: string
    /** 张子涵's booking. */
    otherAppointmentId: string
    ownWaitlistId: string
    otherWaitlistId: string
    /** A hotline caller banned after three no-shows. */
    bannedProfileId: string
    /** A date on which doc_1 and doc_2 hold no session. */
    freeDate: string
    thisWeekStart: string
  }
  /** Decoction (中药代煎), from the demo seed; "own" is 李梅's family, "other" 张伟's. */
  decoction: {
    /** 李德福's prescription awaiting an order, and another family's prescription. */
    ownPrescriptionId: string
    otherPrescriptionId: string
    /** 李德福's order in progress, and another family's order. */
    ownOrderId: string
    otherOrderId: string
    /** An order waiting for review in the pharmacy queue. */
    queuedOrderId: string
    /** A saved delivery address of 李梅's account, and one of another family. */
    ownAddressId: string
    otherAddressId: string
  }
  /** Home nursing (上门护理), from the demo seed; "own" is 李德福's (李梅's family), the nurse is 周静. */
  nursing: {
    /** A date inside the booking horizon on which 周静 holds no visit. */
    freeDate: string
    nurseAccountId: string
    /** 李德福's request, assessed and not yet assigned (the family and 护理部 may still cancel it). */
    ownRequestId: string
    /** 张子涵's request (another family). */
    otherRequestId: string
    submittedRequestId: string
    assessedRequestId: string
    /** Assigned to 周静, accepted by her, on the way, at the door, in service. */
    assignedRequestId: string
    acceptedRequestId: string
    enRouteRequestId: string
    /** The last four of the ID number of the patient of the en-route visit (checked at the door). */
    enRouteIdLastFour: string
    arrivedRequestId: string
    inServiceRequestId: string
    /** 李德福's completed visit by 周静, not yet rated. */
    ownCompletedRequestId: string
    completedVisitId: string
    /** An open alarm raised by 周静. */
    alarmId: string
  }
  /** Health records (健康档案与随访), from the demo seed; "own" is 李德福. */
  records: {
    /** 李德福's open follow-up task (the next one planned at his last follow-up). */
    openTaskId: string
    /** An instant an hour ago, for readings. */
    pastTime: string
    /** A date a month ahead, for the next follow-up. */
    nextDate: string
  }
}

export interface ActionSpec<I extends z.ZodTypeAny = z.ZodTypeAny, O extends z.ZodTypeAny = z.ZodTypeAny> {
  input: I
  output: O
  /** Who may call it. Ownership of a patient's data is checked by the handler on top of this. */
  roles: readonly Caller[]
  /** A mutating action a client may retry takes `requestId`; a replay returns the first reply. */
  requestId: boolean
  /** A valid input on the caller's own data: what the authorization matrix calls with. */
  example: (f: Fixtures) => z.input<I>
  /** The same action aimed at another family's data; it must be refused. */
  foreign?: (f: Fixtures) => z.input<I>
}

/**
 * `action({ input, output })({ roles, requestId, example })`: curried so that the schemas fix the
 * types before the example is checked against them.
 */
export function action<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(schemas: { input: I; output: O }) {
  return (rest: Omit<ActionSpec<I, O>, 'input' | 'output'>): ActionSpec<I, O> => ({ ...schemas, ...rest })
}

export type ActionMap = Record<string, ActionSpec>
export type InputOf<A extends ActionSpec> = z.input<A['input']>
export type OutputOf<A extends ActionSpec> = z.output<A['output']>

/** requestId: what the client generates once per user intent and reuses on every retry. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 格式不正确')

export const eventSchema = z.object({
  action: z.string().min(1).max(64),
  data: z.unknown().optional(),
  requestId: requestIdSchema.optional()
})

export const emptyInput = z.object({}).strict()
