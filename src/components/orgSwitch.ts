/**
 * @internal Switching the active organization from a menu (LumenOrgSwitcher, LumenUserButton):
 * one switch at a time, the result announced, the failure as a sentence, the previous org kept by the store.
 */
import { computed, ref } from 'vue'
import { useOrganizations } from '../composables/useOrganizations.js'
import type { OrganizationRole } from '../contract/types.js'
import { errorCode, errorText } from './errorText.js'
import type { LumenUi } from './lumenUi.js'
import type { errorTexts, orgTexts } from './messages.js'

export interface OrgSwitchHandlers {
  switched(organizationId: string): void
  failed(code: string | null): void
}

export function useOrgSwitch(ui: Pick<LumenUi<keyof typeof errorTexts | keyof typeof orgTexts>, 't' | 'locale'>, on: OrgSwitchHandlers) {
  const { organizations, activeOrganization, activeOrganizationId, switchOrg, isSwitching } = useOrganizations()
  const error = ref<string | null>(null)
  const switched = ref('')

  async function choose(organizationId: string): Promise<void> {
    if (organizationId === activeOrganizationId.value || isSwitching.value) return
    error.value = null
    switched.value = ''
    try {
      await switchOrg(organizationId)
      switched.value = activeOrganization.value?.name ?? ''
      on.switched(organizationId)
    } catch (e) {
      error.value = errorText(e, ui)
      on.failed(errorCode(e))
    }
  }

  /** What the polite live region says: "Switching organization…", then "Switched to Globex." */
  const status = computed(() => (isSwitching.value ? ui.t('orgSwitching') : switched.value && ui.t('orgSwitched', { name: switched.value })))

  return { organizations, activeOrganization, activeOrganizationId, isSwitching, error, status, choose }
}

const ROLE_KEYS = { owner: 'orgRoleOwner', admin: 'orgRoleAdmin', member: 'orgRoleMember' } as const

/** The user's role in an organization, translated (an unknown role as the API sent it). */
export const roleText = (role: OrganizationRole | string, t: LumenUi<keyof typeof orgTexts>['t']): string =>
  role in ROLE_KEYS ? t(ROLE_KEYS[role as OrganizationRole]) : role
