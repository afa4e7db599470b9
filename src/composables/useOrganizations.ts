import { computed } from 'vue'
import type { ComputedRef } from 'vue'
import type { OrganizationSummary } from '../contract/types.js'
import { useLumenContext } from '../stores/context.js'

export interface UseOrganizationsReturn {
  /** The user's organizations (from `/auth/me`). */
  organizations: ComputedRef<OrganizationSummary[]>
  activeOrganization: ComputedRef<OrganizationSummary | null>
  activeOrganizationId: ComputedRef<string | null>
  /** Switch the active org everywhere (client header, licenses, other tabs). Rapid calls: the last wins. */
  switchOrg(organizationId: string): Promise<void>
  /** `true` until the switch (and the last one requested) has settled. */
  isSwitching: ComputedRef<boolean>
}

/**
 * The user's organizations and the active one.
 * @example const { organizations, activeOrganizationId, switchOrg } = useOrganizations()
 */
export function useOrganizations(): UseOrganizationsReturn {
  const { store } = useLumenContext('useOrganizations')
  return {
    organizations: computed(() => store.organizations),
    activeOrganization: computed(() => store.activeOrganization),
    activeOrganizationId: computed(() => store.activeOrganizationId),
    switchOrg: store.switchOrg,
    isSwitching: computed(() => store.isSwitching),
  }
}
