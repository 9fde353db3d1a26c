import type { CatalogView } from '../../../types/booking'
import { db } from '../../common/db'

interface HospitalDoc {
  _id: string
  name: string
  level: string
  address: string
}
interface DepartmentDoc {
  _id: string
  hospitalId: string
  name: string
}
export interface DoctorDoc {
  _id: string
  name: string
  title: string
  homeHospital: string
  specialty: string
  hospitalId: string
  departmentId: string
}

/** Hospitals, departments and the visiting experts, with each expert's home hospital and specialty. */
export async function catalog(): Promise<CatalogView> {
  const all = (name: string) => db().collection(name).orderBy('_id', 'asc').limit(1000).get()
  const [hospitals, departments, doctors] = await Promise.all([all('hospitals'), all('departments'), all('doctors')])
  return {
    hospitals: (hospitals.data as HospitalDoc[]).map((h) => ({ id: h._id, name: h.name, level: h.level, address: h.address })),
    departments: (departments.data as DepartmentDoc[]).map((d) => ({ id: d._id, hospitalId: d.hospitalId, name: d.name })),
    doctors: (doctors.data as DoctorDoc[]).map((d) => ({
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
