// The live examples of the component pages. Each one is a small app of its own: Pinia, the real
// Lumen plugin over the in-memory testing kit, and the UI translations.
import { createApp, h } from 'vue'
import type { App, VNode } from 'vue'
import { createTestingLumen, fixtures } from '@vss-software/lumen-account-sdk/testing'
import type { TestingLumenOptions } from '@vss-software/lumen-account-sdk/testing'
import * as ui from '@vss-software/lumen-account-sdk/vue-ui'

interface Demo {
  /** State of the in-memory Lumen (`createTestingLumen` options). */
  lumen: TestingLumenOptions
  render: () => VNode
  locale?: string
}

const week = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()
// A self-contained picture (no network): a silhouette on the primary color.
const photo = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#0f766e"/><circle cx="32" cy="26" r="12" fill="#ccfbf1"/><rect x="14" y="42" width="36" height="22" rx="11" fill="#ccfbf1"/></svg>')
const row = (children: VNode[]) => h('div', { style: 'display:flex;flex-wrap:wrap;align-items:center;gap:0.75rem' }, children)
const reports = () => h('div', { class: 'lumen-card' }, [h('strong', 'Advanced reports'), h('p', { class: 'lumen-muted' }, 'Headcount by team, attrition, time to hire.')])

const demos: Record<string, Demo> = {
  'login-form': {
    lumen: { user: null },
    render: () => h(ui.LumenLoginForm, { forgotPasswordHref: '#forgot', registerHref: '#register' }),
  },
  'login-form-de': {
    lumen: { user: null },
    locale: 'de',
    render: () => h(ui.LumenLoginForm, { forgotPasswordHref: '#forgot' }),
  },
  'login-form-ar': {
    lumen: { user: null },
    locale: 'ar',
    render: () => h(ui.LumenLoginForm, { forgotPasswordHref: '#forgot', registerHref: '#register' }),
  },
  'register-form': {
    lumen: { user: null },
    render: () => h(ui.LumenRegisterForm, { loginHref: '#login' }),
  },
  'password-reset-form': {
    lumen: { user: null },
    render: () => h(ui.LumenPasswordResetForm, { mode: 'request', loginHref: '#login' }),
  },
  'password-reset-form-confirm': {
    // A link that was never issued: the form says so and offers a new one.
    lumen: { user: null },
    render: () => h(ui.LumenPasswordResetForm, { mode: 'confirm', token: 'lumen-reset-demo', loginHref: '#login', requestHref: '#forgot' }),
  },
  'accept-invitation-form': {
    // The demo data's open invitation: carol@lumen.test to Acme Corp.
    lumen: { user: null },
    render: () => h(ui.LumenAcceptInvitationForm, { token: 'lumen-invite-acme-carol', loginHref: '#login' }),
  },
  'org-switcher': {
    lumen: {
      organizations: [fixtures.organization(), fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' })],
    },
    // The menu opens below the button: leave it room inside the example's frame.
    render: () => h('div', { style: 'min-block-size:13rem' }, [h(ui.LumenOrgSwitcher, { createOrganizationHref: '#new-organization' })]),
  },
  'user-button': {
    lumen: {
      organizations: [fixtures.organization(), fixtures.organization({ id: 'org_globex', name: 'Globex', slug: 'globex', role: 'member' })],
    },
    // The menu opens below the button, aligned to its end: leave it room, as in a header's corner.
    render: () => h('div', { style: 'display:flex;justify-content:flex-end;align-items:flex-start;min-block-size:22rem' }, [h(ui.LumenUserButton, { accountUrl: '#account' })]),
  },
  avatar: {
    lumen: {},
    render: () =>
      row([
        ...(['xs', 'sm', 'md', 'lg', 'xl'] as const).map((size) => h(ui.LumenAvatar, { name: 'Dana Demo', size })),
        h(ui.LumenAvatar, { name: 'Dana Demo', src: photo, size: 'lg' }),
        h(ui.LumenAvatar, { name: 'Acme Corp', shape: 'square', size: 'lg' }),
      ]),
  },
  'session-list': {
    lumen: {
      sessions: [
        fixtures.session({ lastActiveAt: week(0) }),
        fixtures.session({ id: 'ses_phone', current: false, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile Safari/604.1', ipAddress: '198.51.100.23', lastActiveAt: week(2) }),
        fixtures.session({ id: 'ses_office', current: false, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/141.0 Safari/537.36', ipAddress: '192.0.2.44', lastActiveAt: week(9) }),
      ],
    },
    render: () => h(ui.LumenSessionList),
  },
  'avatar-uploader': {
    lumen: {},
    render: () => h(ui.LumenAvatarUploader),
  },
  'paywall-gate-allowed': {
    lumen: { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'pro' }) } },
    render: () => h(ui.LumenPaywallGate, { feature: 'advanced_reports' }, { default: reports }),
  },
  'paywall-gate-locked': {
    lumen: { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter', status: 'trial', remainingDays: 5 }) } },
    render: () => h(ui.LumenPaywallGate, { feature: 'advanced_reports' }, { default: reports }),
  },
  'paywall-gate-error': {
    lumen: { entitlements: { 'lumen-hr': 'error' } },
    render: () => h(ui.LumenPaywallGate, { feature: 'advanced_reports' }, { default: reports }),
  },
  'paywall-gate-teaser': {
    lumen: { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } },
    render: () => h(ui.LumenPaywallGate, { feature: 'advanced_reports', mode: 'teaser' }, { default: reports }),
  },
  'paywall-gate-disable': {
    lumen: { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter' }) } },
    render: () => h(ui.LumenPaywallGate, { feature: 'advanced_reports', mode: 'disable' }, { default: () => h('button', { type: 'button', class: 'lumen-button' }, 'Export CSV') }),
  },
  'upgrade-card': {
    lumen: { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter', status: 'trial', remainingDays: 5 }) } },
    render: () => h(ui.LumenUpgradeCard, { labels: { api_calls: 'API calls' } }),
  },
  'pricing-table': {
    lumen: {
      products: [fixtures.product({ tiers: fixtures.product().tiers.map((t) => ({ ...t, prices: [t.price!, { ...t.price!, amount: t.price!.amount * 10, interval: 'year' as const }] })) })],
    },
    render: () => h(ui.LumenPricingTable, { labels: { api_calls: 'API calls', sso: 'Single sign-on' } }),
  },
  'license-banner': {
    lumen: { entitlements: { 'lumen-hr': fixtures.entitlement({ tier: 'starter', status: 'trial', remainingDays: 3, usage: { seats: 2, api_calls: 10 } }) } },
    render: () => h(ui.LumenLicenseBanner, { persistent: true }),
  },
}

/** Mounts the example `name` into `el`; the caller unmounts the returned app. */
export function mountDemo(name: string, el: HTMLElement): App {
  const demo = demos[name]
  if (!demo) throw new Error(`[lumen-account] docs: no live example named "${name}"`)
  const app = createApp({ name: 'LumenDemoApp', render: demo.render })
  app.use(createTestingLumen(demo.lumen))
  app.use(ui.createLumenUi({ locale: demo.locale ?? 'en' }))
  app.mount(el)
  return app
}
