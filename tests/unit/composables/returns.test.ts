// The composables' public fields, by the names and types issue 6 fixes (runtime keys + compile-time types).
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { ComputedRef } from 'vue'
import type { FeatureValue } from '../../../src/contract/types.js'
import type { EntitlementResponse, OrganizationSummary, Session, User } from '../../../src/contract/types.js'
import { useAuth } from '../../../src/composables/useAuth.js'
import type { UseAuthReturn } from '../../../src/composables/useAuth.js'
import { useFeature } from '../../../src/composables/useFeature.js'
import type { UseFeatureReturn } from '../../../src/composables/useFeature.js'
import { useLicense } from '../../../src/composables/useLicense.js'
import type { UseLicenseReturn } from '../../../src/composables/useLicense.js'
import { useOrganizations } from '../../../src/composables/useOrganizations.js'
import type { UseOrganizationsReturn } from '../../../src/composables/useOrganizations.js'
import { useSessions } from '../../../src/composables/useSessions.js'
import type { UseSessionsReturn } from '../../../src/composables/useSessions.js'
import type { LumenAuthStatus } from '../../../src/stores/types.js'
import { useLumenStore } from '../../../src/stores/lumen.js'
import { createTestingLumen } from '../../../src/testing/plugin.js'
import { withSetup } from '../vue/helpers.js'

const FIELDS = {
  useAuth: ['user', 'isAuthenticated', 'isLoading', 'error', 'login', 'register', 'logout', 'requestPasswordReset', 'resetPassword', 'acceptInvitation', 'uploadPhoto', 'deletePhoto', 'refreshUser'],
  useOrganizations: ['organizations', 'activeOrganization', 'activeOrganizationId', 'switchOrg', 'isSwitching'],
  useSessions: ['sessions', 'isLoading', 'error', 'refresh', 'revoke', 'revokeOthers'],
  useLicense: ['license', 'status', 'tier', 'isTrial', 'remainingDays', 'isExpiring', 'hasTier', 'error', 'refresh'],
  useFeature: ['status', 'isEnabled', 'canUse', 'value', 'limit', 'usage', 'remaining', 'reason', 'requiredTier', 'upgradeUrl'],
}

describe('composable returns', () => {
  it('have every field the issue names', () => {
    const s = withSetup(
      () => ({
        useAuth: useAuth(),
        useOrganizations: useOrganizations(),
        useSessions: useSessions({ immediate: false }),
        useLicense: useLicense(),
        useFeature: useFeature('sso', { product: 'lumen-hr', amount: 1 }),
      }),
      [createTestingLumen()],
      { pinia: false },
    )
    for (const [name, fields] of Object.entries(FIELDS)) expect(Object.keys(s.result[name as keyof typeof FIELDS])).toEqual(expect.arrayContaining(fields))
    s.unmount()
  })

  it('have the issue’s types', () => {
    expectTypeOf<UseAuthReturn['user']>().toEqualTypeOf<ComputedRef<User | null>>()
    expectTypeOf<UseAuthReturn['login']>().toEqualTypeOf<(email: string, password: string) => Promise<User>>()
    expectTypeOf<UseAuthReturn['uploadPhoto']>().parameter(1).toEqualTypeOf<{ onProgress?: (fraction: number) => void; signal?: AbortSignal } | undefined>()
    expectTypeOf<UseOrganizationsReturn['organizations']>().toEqualTypeOf<ComputedRef<OrganizationSummary[]>>()
    expectTypeOf<UseOrganizationsReturn['switchOrg']>().toEqualTypeOf<(organizationId: string) => Promise<void>>()
    expectTypeOf<UseSessionsReturn['sessions']>().toEqualTypeOf<ComputedRef<Session[]>>()
    expectTypeOf<UseLicenseReturn['license']>().toEqualTypeOf<ComputedRef<EntitlementResponse | null>>()
    expectTypeOf<UseLicenseReturn['status']>().toEqualTypeOf<ComputedRef<'loading' | 'valid' | 'invalid' | 'error'>>()
    expectTypeOf<UseLicenseReturn['hasTier']>().toEqualTypeOf<(minTier: string) => boolean>()
    expectTypeOf<UseLicenseReturn['remainingDays']>().toEqualTypeOf<ComputedRef<number | null>>()
    expectTypeOf<UseFeatureReturn['status']>().toEqualTypeOf<ComputedRef<'loading' | 'allowed' | 'denied' | 'error'>>()
    expectTypeOf<UseFeatureReturn['reason']>().toEqualTypeOf<ComputedRef<'ok' | 'no_license' | 'not_in_tier' | 'limit_reached' | 'unknown'>>()
    expectTypeOf<UseFeatureReturn['value']>().toEqualTypeOf<ComputedRef<FeatureValue | null>>()
    expectTypeOf<UseFeatureReturn['requiredTier']>().toEqualTypeOf<ComputedRef<string | null>>()
    expectTypeOf<ReturnType<typeof useLumenStore>['status']>().toEqualTypeOf<LumenAuthStatus>()
    expectTypeOf<LumenAuthStatus>().toEqualTypeOf<'restoring' | 'anonymous' | 'authenticated'>()
  })
})
