import type { CatalogView } from '../../../types/booking'
import { collection } from '../../common/typed'
import { DEPARTMENTS, DOCTORS, HOSPITALS, type DepartmentDoc, type DoctorDoc, type HospitalDoc } from '../docs'

/** Hospitals, departments and the visiting experts, with each expert's home hospital and specialty. */
export async function catalog(): Promise<CatalogView> {
  const all = <T extends { _id: string }>(name: string) => collection<T>(name).orderBy('_id', 'asc').limit(1000).get()
  const [hospitals, departments, doctors] = await Promise.all([
    all<HospitalDoc>(HOSPITALS),
    all<DepartmentDoc>(DEPARTMENTS),
    all<DoctorDoc>(DOCTORS)
  ])
  return {
    hospitals: hospitals.data.map((h) => ({ id: h._id, name: h.name, level: h.level, address: h.address })),
    departments: departments.data.map((d) => ({ id: d._id, hospitalId: d.hospitalId, name: d.name })),
    doctors: doctors.data.map((d) => ({
      id: d._id,
      name: d.name,
      title: d.title,
      homeHospital: d.homeHospital,
      specialty: d.specialty,
      hospitalId: d.hospitalId,
      departmentId: d.departmentId
    }))
  }
}
