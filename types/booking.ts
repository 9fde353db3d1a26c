/**
 * The `booking` function's contract (专家号预约, DOMAIN.md §1): schedules (出诊), appointments (预约),
 * the waitlist (候补), and their status tables. Pure rules live in `booking-rules.ts`.
 */
import { z } from 'zod'
import { id, idNumber, mobile, personName, relation } from './account'
import { action, emptyInput } from './contract'
import { isTime, MAX_QUOTA_PER_SLICE, MAX_SLICES, sessionProblems } from './booking-rules'
import { defineWorkflow } from './workflow'
import { registerFieldLabels } from './zod-zh'
import { calendarDate, text } from './text'

export const SESSIONS = ['am', 'pm', 'evening', 'custom'] as const
export type Session = (typeof SESSIONS)[number]
export const SESSION_LABELS: Record<Session, string> = { am: '上午', pm: '下午', evening: '晚间', custom: '错时门诊' }

export const CLINIC_TYPES = ['expert', 'general', 'special'] as const
export type ClinicType = (typeof CLINIC_TYPES)[number]
export const CLINIC_TYPE_LABELS: Record<ClinicType, string> = { expert: '专家门诊', general: '普通门诊', special: '特需门诊' }

export const SCHEDULE_STATUSES = ['draft', 'published', 'closed'] as const
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number]
export const SCHEDULE_STATUS_LABELS: Record<ScheduleStatus, string> = { draft: '草稿', published: '已发布', closed: '已停诊' }

/** A draft may be published or dropped; a published session may only be closed (停诊). */
export const scheduleWorkflow = defineWorkflow<ScheduleStatus>({
  draft: { published: ['scheduler'], closed: ['scheduler'] },
  published: { closed: ['scheduler'] },
  closed: {}
})

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'] as const
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number]
export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: '待就诊',
  checked_in: '已签到',
  completed: '已就诊',
  cancelled: '已取消',
  no_show: '爽约'
}

/**
 * Who moves an appointment. `patient` is any account: the handler checks that the appointment is
 * the caller's own. The hospital cancels through the scheduler (停诊); no-shows are the timer's.
 */
export const appointmentWorkflow = defineWorkflow<AppointmentStatus>({
  booked: { checked_in: ['patient', 'scheduler'], cancelled: ['patient', 'hotline', 'scheduler', 'system'], no_show: ['system'] },
  checked_in: { completed: ['scheduler', 'doctor', 'system'] },
  completed: {},
  cancelled: {},
  no_show: {}
})

/** Statuses that hold a place and count towards the patient's active limit. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'checked_in']

/** `referral`: the follow-up doctor booked it from a follow-up task (转诊). */
export const CHANNELS = ['self', 'family', 'hotline', 'referral'] as const
export type Channel = (typeof CHANNELS)[number]
export const CHANNEL_LABELS: Record<Channel, string> = { self: '本人预约', family: '家属代约', hotline: '热线预约', referral: '随访转诊' }

export const CANCELLED_BY = ['', 'patient', 'hotline', 'hospital'] as const
export type CancelledBy = (typeof CANCELLED_BY)[number]

export const WAITLIST_STATUSES = ['waiting', 'promoted', 'left', 'closed', 'expired'] as const
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number]
export const WAITLIST_STATUS_LABELS: Record<WaitlistStatus, string> = {
  waiting: '候补中',
  promoted: '已候补成功',
  left: '已退出候补',
  closed: '已停诊',
  expired: '候补未成功'
}

/**
 * Who moves a waitlist ticket: the family leaves it; the timer promotes it when a place is freed
 * (inside the cancellation) and ends it at the cutoff; the scheduler's 停诊 closes it.
 */
export const waitlistWorkflow = defineWorkflow<WaitlistStatus>({
  waiting: { promoted: ['system'], left: ['patient'], closed: ['scheduler'], expired: ['system'] },
  promoted: {},
  left: {},
  closed: {},
  expired: {}
})

export const WINDOWS = ['draft', 'not_yet', 'open', 'cutoff', 'closed', 'ended'] as const
export type WindowState = (typeof WINDOWS)[number]

// ---------------------------------------------------------------- inputs

const ymd = calendarDate('日期格式应为YYYY-MM-DD')
const hhmm = z.string().refine(isTime, '时间格式应为HH:mm')
export const sliceId = z.string().regex(/^s\d{1,2}$/, '时段编号不正确')
const reason = text('原因').trim().min(2, '请填写原因（至少2个字）').max(100, '原因最多100个字')

const sliceInput = z
  .object({
    start: hhmm,
    end: hhmm,
    quota: z
      .number({ invalid_type_error: '号源数应为数字' })
      .int('号源数应为整数')
      .min(1, '每个时段至少1个号')
      .max(MAX_QUOTA_PER_SLICE, `每个时段最多${MAX_QUOTA_PER_SLICE}个号`)
  })
  .strict()

const sessionFields = z
  .object({
    doctorId: id,
    date: ymd,
    session: z.enum(SESSIONS, { errorMap: () => ({ message: '请选择出诊时段' }) }),
    start: hhmm,
    end: hhmm,
    clinicType: z.enum(CLINIC_TYPES, { errorMap: () => ({ message: '请选择门诊类型' }) }),
    fee: z
      .number({ invalid_type_error: '挂号费应为数字' })
      .int('挂号费以分为单位，应为整数')
      .min(0, '挂号费不能为负')
      .max(100_000, '挂号费不超过1000元'),
    place: text('就诊地点').trim().min(2, '请填写就诊地点').max(40, '就诊地点最多40个字'),
    returnVisit: z.boolean(),
    slices: z.array(sliceInput).min(1, '请至少设置一个时段').max(MAX_SLICES, `最多设置${MAX_SLICES}个时段`)
  })
  .strict()

type SessionFields = z.infer<typeof sessionFields>

function checkSession(v: SessionFields, ctx: z.RefinementCtx): void {
  for (const [path, message] of Object.entries(sessionProblems(v))) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message, path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) })
  }
  if (v.returnVisit && v.clinicType === 'special') {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: '特需门诊不适用“三天有效”免费复诊', path: ['returnVisit'] })
  }
}

export const sessionInput = sessionFields.superRefine(checkSession)
export type SessionInput = z.infer<typeof sessionInput>

// ---------------------------------------------------------------- views

export const sliceView = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  quota: z.number().int(),
  remaining: z.number().int()
})
export type SliceView = z.infer<typeof sliceView>

export const scheduleView = z.object({
  id,
  doctorId: id,
  doctorName: z.string(),
  doctorTitle: z.string(),
  homeHospital: z.string(),
  specialty: z.string(),
  departmentId: id,
  departmentName: z.string(),
  hospitalId: id,
  hospitalName: z.string(),
  date: z.string(),
  session: z.enum(SESSIONS),
  start: z.string(),
  end: z.string(),
  clinicType: z.enum(CLINIC_TYPES),
  fee: z.number().int(),
  place: z.string(),
  returnVisit: z.boolean(),
  status: z.enum(SCHEDULE_STATUSES),
  releaseAt: z.string(),
  cutoffAt: z.string(),
  closeReason: z.string(),
  slices: z.array(sliceView),
  quota: z.number().int(),
  remaining: z.number().int(),
  window: z.enum(WINDOWS),
  windowText: z.string()
})
export type ScheduleView = z.infer<typeof scheduleView>

const check = z.object({ allowed: z.boolean(), reason: z.string() })

export const appointmentView = z.object({
  id,
  status: z.enum(APPOINTMENT_STATUSES),
  scheduleId: id,
  profileId: id,
  patientName: z.string(),
  channel: z.enum(CHANNELS),
  /** The staff member who booked: the hotline's, or the follow-up doctor's for channel `referral`. */
  bookedByName: z.string(),
  /** The follow-up task a `referral` was booked from; '' otherwise. */
  referralTaskId: z.string(),
  queueNo: z.number().int(),
  sliceId: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  session: z.enum(SESSIONS),
  doctorName: z.string(),
  doctorTitle: z.string(),
  departmentId: id,
  departmentName: z.string(),
  hospitalName: z.string(),
  place: z.string(),
  clinicType: z.enum(CLINIC_TYPES),
  fee: z.number().int(),
  returnOf: z.string(),
  whatToBring: z.array(z.string()),
  cancelReason: z.string(),
  cancelledBy: z.enum(CANCELLED_BY),
  fromWaitlist: z.boolean(),
  createdAt: z.string(),
  cancel: check,
  checkIn: check,
  /** 三天有效: a completed visit's free return visit, while it lasts. */
  returnVisit: z.object({ until: z.string(), departmentName: z.string() }).nullable()
})
export type AppointmentView = z.infer<typeof appointmentView>

export const waitView = z.object({
  id,
  scheduleId: id,
  profileId: id,
  patientName: z.string(),
  status: z.enum(WAITLIST_STATUSES),
  /** 1 = next to get a place; 0 when no longer waiting. */
  position: z.number().int(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  doctorName: z.string(),
  departmentName: z.string(),
  appointmentId: z.string(),
  createdAt: z.string()
})
export type WaitView = z.infer<typeof waitView>

export const banView = z.object({ until: z.string(), reason: z.string(), text: z.string() })

export const bookingPatient = z.object({
  id,
  name: z.string(),
  relation,
  age: z.number().int(),
  activeCount: z.number().int(),
  maxActive: z.number().int(),
  ban: banView.nullable()
})
export type BookingPatient = z.infer<typeof bookingPatient>

export const bookingLine = z.object({
  appointmentId: id,
  queueNo: z.number().int(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(APPOINTMENT_STATUSES),
  checkedInAt: z.string()
})

export const catalogView = z.object({
  hospitals: z.array(z.object({ id, name: z.string(), level: z.string(), address: z.string() })),
  departments: z.array(z.object({ id, hospitalId: id, name: z.string() })),
  doctors: z.array(
    z.object({
      id,
      name: z.string(),
      title: z.string(),
      homeHospital: z.string(),
      specialty: z.string(),
      hospitalId: id,
      departmentId: id
    })
  )
})
export type CatalogView = z.infer<typeof catalogView>

const hotlinePatientView = z.object({
  id,
  accountId: id,
  name: z.string(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  idNumberMasked: z.string(),
  age: z.number().int(),
  created: z.boolean()
})

// ---------------------------------------------------------------- actions

const bookInput = z.object({ scheduleId: id, sliceId, profileId: id, returnOf: id.optional() }).strict()

const timer = () =>
  action({ input: emptyInput, output: z.record(z.number().int()) })({ roles: ['system'], requestId: false, example: () => ({}) })

export const bookingActions = {
  /** Timer: after a session ends, unchecked bookings become no-shows (and may ban), check-ins visits. */
  markNoShows: timer(),
  /** Timer: the day before a visit, one reminder per appointment. */
  remindDayBefore: timer(),
  catalog: action({ input: emptyInput, output: catalogView })({ roles: ['patient'], requestId: false, example: () => ({}) }),
  listWeek: action({
    input: z.object({ departmentId: id.optional(), doctorId: id.optional() }).strict(),
    output: z.object({ today: z.string(), dates: z.array(z.string()), sessions: z.array(scheduleView) })
  })({ roles: ['patient'], requestId: false, example: () => ({}) }),
  getSession: action({
    input: z.object({ id }).strict(),
    output: z.object({
      session: scheduleView,
      mine: z.object({
        booked: z.array(z.object({ profileId: id, appointmentId: id, queueNo: z.number().int() })),
        waiting: z.array(z.object({ id, profileId: id, position: z.number().int() }))
      }),
      waitlistCount: z.number().int()
    })
  })({ roles: ['patient'], requestId: false, example: (f) => ({ id: f.booking.openScheduleId }) }),
  myPatients: action({ input: emptyInput, output: z.object({ patients: z.array(bookingPatient) }) })({
    roles: ['patient'],
    requestId: false,
    example: () => ({})
  }),
  book: action({ input: bookInput, output: appointmentView })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({ scheduleId: f.booking.openScheduleId, sliceId: f.booking.openSliceId, profileId: f.ownProfileId }),
    foreign: (f) => ({ scheduleId: f.booking.openScheduleId, sliceId: f.booking.openSliceId, profileId: f.otherProfileId })
  }),
  listMine: action({
    input: emptyInput,
    output: z.object({ today: z.string(), upcoming: z.array(appointmentView), past: z.array(appointmentView), waiting: z.array(waitView) })
  })({ roles: ['patient'], requestId: false, example: () => ({}) }),
  getAppointment: action({ input: z.object({ id }).strict(), output: appointmentView })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.booking.ownAppointmentId }),
    foreign: (f) => ({ id: f.booking.otherAppointmentId })
  }),
  cancel: action({ input: z.object({ id, reason: reason.optional() }).strict(), output: appointmentView })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({ id: f.booking.ownAppointmentId }),
    foreign: (f) => ({ id: f.booking.otherAppointmentId })
  }),
  checkIn: action({ input: z.object({ id }).strict(), output: appointmentView })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.booking.todayAppointmentId }),
    foreign: (f) => ({ id: f.booking.otherAppointmentId })
  }),
  joinWaitlist: action({ input: z.object({ scheduleId: id, profileId: id }).strict(), output: waitView })({
    roles: ['patient'],
    requestId: true,
    example: (f) => ({ scheduleId: f.booking.fullScheduleId, profileId: f.ownProfileId }),
    foreign: (f) => ({ scheduleId: f.booking.fullScheduleId, profileId: f.otherProfileId })
  }),
  leaveWaitlist: action({ input: z.object({ id }).strict(), output: waitView })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ id: f.booking.ownWaitlistId }),
    foreign: (f) => ({ id: f.booking.otherWaitlistId })
  }),
  returnVisitOptions: action({
    input: z.object({ appointmentId: id }).strict(),
    output: z.object({ until: z.string(), sessions: z.array(scheduleView) })
  })({
    roles: ['patient'],
    requestId: false,
    example: (f) => ({ appointmentId: f.booking.ownCompletedAppointmentId }),
    foreign: (f) => ({ appointmentId: f.booking.otherAppointmentId })
  }),

  // 排班 (scheduler)
  weekSchedules: action({
    // Without weekStart: the week after this one in China time, the week a scheduler plans.
    input: z.object({ weekStart: ymd.optional(), doctorId: id.optional() }).strict(),
    output: z.object({ weekStart: z.string(), today: z.string(), dates: z.array(z.string()), sessions: z.array(scheduleView) })
  })({ roles: ['scheduler'], requestId: false, example: (f) => ({ weekStart: f.booking.thisWeekStart }) }),
  createSession: action({ input: sessionInput, output: scheduleView })({
    roles: ['scheduler'],
    requestId: true,
    example: (f) => ({
      doctorId: 'doc_1',
      date: f.booking.freeDate,
      session: 'am',
      start: '08:00',
      end: '10:00',
      clinicType: 'expert',
      fee: 5000,
      place: '门诊楼2楼中医内科诊室1',
      returnVisit: true,
      slices: [
        { start: '08:00', end: '09:00', quota: 5 },
        { start: '09:00', end: '10:00', quota: 5 }
      ]
    })
  }),
  updateSession: action({ input: sessionFields.extend({ id }).strict().superRefine(checkSession), output: scheduleView })({
    roles: ['scheduler'],
    requestId: false,
    example: (f) => ({
      id: f.booking.draftScheduleId,
      doctorId: 'doc_2',
      date: f.booking.freeDate,
      session: 'pm',
      start: '14:00',
      end: '16:00',
      clinicType: 'general',
      fee: 1200,
      place: '门诊楼3楼针灸推拿科诊室2',
      returnVisit: true,
      slices: [{ start: '14:00', end: '16:00', quota: 8 }]
    })
  }),
  copyWeek: action({
    input: z.object({ fromWeekStart: ymd, doctorId: id.optional() }).strict(),
    output: z.object({ weekStart: z.string(), created: z.number().int(), skipped: z.number().int() })
  })({ roles: ['scheduler'], requestId: true, example: (f) => ({ fromWeekStart: f.booking.thisWeekStart }) }),
  publish: action({
    input: z.object({ ids: z.array(id).min(1, '请选择要发布的出诊').max(200) }).strict(),
    output: z.object({ published: z.number().int(), sessions: z.array(scheduleView) })
  })({ roles: ['scheduler'], requestId: false, example: (f) => ({ ids: [f.booking.draftScheduleId] }) }),
  closeSession: action({
    input: z.object({ id, reason }).strict(),
    output: z.object({ session: scheduleView, cancelled: z.number().int() })
  })({ roles: ['scheduler'], requestId: true, example: (f) => ({ id: f.booking.openScheduleId, reason: '专家临时外出会诊' }) }),
  sessionBookings: action({
    input: z.object({ id }).strict(),
    output: z.object({
      today: z.string(),
      session: scheduleView,
      slices: z.array(sliceView.extend({ bookings: z.array(bookingLine) })),
      waitlist: z.array(z.object({ id, nameMasked: z.string(), position: z.number().int() }))
    })
  })({ roles: ['scheduler'], requestId: false, example: (f) => ({ id: f.booking.openScheduleId }) }),
  revealPatient: action({
    input: z.object({ appointmentId: id }).strict(),
    output: z.object({
      name: z.string(),
      phone: z.string(),
      idNumberMasked: z.string(),
      age: z.number().int(),
      sex: z.enum(['male', 'female'])
    })
    // The hotline reads a new booking back to the caller by full name.
  })({ roles: ['scheduler', 'hotline'], requestId: false, example: (f) => ({ appointmentId: f.booking.ownAppointmentId }) }),
  staffCheckIn: action({ input: z.object({ id }).strict(), output: appointmentView })({
    roles: ['scheduler'],
    requestId: false,
    example: (f) => ({ id: f.booking.todayAppointmentId })
  }),
  complete: action({ input: z.object({ id }).strict(), output: appointmentView })({
    roles: ['scheduler', 'doctor'],
    requestId: false,
    example: (f) => ({ id: f.booking.todayAppointmentId })
  }),

  // 24小时热线 (hotline)
  hotlinePatient: action({
    input: z
      .object({
        phone: mobile,
        name: personName,
        idNumber,
        relation,
        consent: z.literal(true, { errorMap: () => ({ message: '请先征得来电者同意处理其健康信息' }) })
      })
      .strict(),
    output: hotlinePatientView
  })({
    roles: ['hotline'],
    requestId: true,
    example: () => ({ phone: '13705310088', name: '王秀英', idNumber: '370125195208140029', relation: 'self', consent: true })
  }),
  hotlineBook: action({ input: bookInput.omit({ returnOf: true }), output: appointmentView })({
    roles: ['hotline'],
    requestId: true,
    example: (f) => ({ scheduleId: f.booking.openScheduleId, sliceId: f.booking.openSliceId, profileId: f.ownProfileId })
  }),
  hotlineCancel: action({ input: z.object({ id, reason }).strict(), output: appointmentView })({
    roles: ['hotline'],
    requestId: true,
    example: (f) => ({ id: f.booking.ownAppointmentId, reason: '来电者家中有事，无法按时就诊' })
  }),
  hotlineAppointments: action({
    input: z.object({ profileId: id }).strict(),
    output: z.object({ patient: hotlinePatientView.omit({ created: true }), appointments: z.array(appointmentView) })
  })({ roles: ['hotline'], requestId: false, example: (f) => ({ profileId: f.ownProfileId }) }),

  // 随访转诊 (the follow-up doctor)
  /**
   * From a follow-up task (open, or done or closed a few days ago), the doctor books the patient an
   * expert: the appointment records him and the task, and the family is told.
   */
  referralBook: action({ input: bookInput.omit({ returnOf: true }).extend({ taskId: id }).strict(), output: appointmentView })({
    roles: ['doctor'],
    requestId: true,
    example: (f) => ({
      scheduleId: f.booking.openScheduleId,
      sliceId: f.booking.openSliceId,
      profileId: f.ownProfileId,
      taskId: f.records.openTaskId
    })
  }),

  // 爽约限制 (admin)
  listBans: action({
    input: emptyInput,
    output: z.object({
      patients: z.array(
        z.object({
          profileId: id,
          nameMasked: z.string(),
          phoneMasked: z.string(),
          bannedUntil: z.string(),
          reason: z.string(),
          noShows: z.number().int()
        })
      )
    })
  })({ roles: ['admin'], requestId: false, example: () => ({}) }),
  liftBan: action({
    input: z.object({ profileId: id, reason }).strict(),
    output: z.object({ profileId: id, liftedAt: z.string() })
  })({ roles: ['admin'], requestId: false, example: (f) => ({ profileId: f.booking.bannedProfileId, reason: '患者住院未能就诊，已核实' }) })
} as const

export const BOOKING_FIELD_LABELS: Record<string, string> = {
  scheduleId: '出诊',
  sliceId: '时段',
  profileId: '就诊人',
  returnOf: '复诊来源',
  doctorId: '医生',
  date: '日期',
  session: '出诊时段',
  start: '开始时间',
  end: '结束时间',
  clinicType: '门诊类型',
  fee: '挂号费',
  place: '就诊地点',
  returnVisit: '三天有效',
  slices: '时段',
  quota: '号源数',
  weekStart: '周',
  fromWeekStart: '复制的周',
  reason: '原因',
  consent: '来电者同意',
  appointmentId: '预约',
  departmentId: '科室',
  taskId: '随访任务'
}

registerFieldLabels(BOOKING_FIELD_LABELS)
