import { createRouter, createWebHistory } from 'vue-router'

// `meta` is read by the Lumen guard (main.ts); `layout: 'auth'` pages show the centered card without the app shell.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { guestOnly: true, layout: 'auth' } },
    { path: '/register', name: 'register', component: () => import('./pages/RegisterPage.vue'), meta: { guestOnly: true, layout: 'auth' } },
    { path: '/forgot-password', name: 'forgot-password', component: () => import('./pages/ForgotPasswordPage.vue'), meta: { guestOnly: true, layout: 'auth' } },
    // The links of the emulator's e-mails (its --app-url): open whether signed in or not.
    { path: '/reset-password', name: 'reset-password', component: () => import('./pages/ResetPasswordPage.vue'), meta: { layout: 'auth' } },
    { path: '/accept-invitation', name: 'accept-invitation', component: () => import('./pages/AcceptInvitationPage.vue'), meta: { layout: 'auth' } },
    { path: '/', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { requiresAuth: true } },
    // The route itself needs a Lumen HR license for the active organization.
    { path: '/employees', name: 'employees', component: () => import('./pages/EmployeesPage.vue'), meta: { requiresLicense: 'lumen-hr' } },
    // Signed in is enough to open it; the page's <LumenPaywallGate> shows the report or the upgrade card.
    { path: '/reports', name: 'reports', component: () => import('./pages/ReportsPage.vue'), meta: { requiresAuth: true } },
    { path: '/account', name: 'account', component: () => import('./pages/AccountPage.vue'), meta: { requiresAuth: true } },
    { path: '/pricing', name: 'pricing', component: () => import('./pages/PricingPage.vue'), meta: { requiresAuth: true } },
    // The license's upgradeUrl (the emulator points it here): the pricing page.
    { path: '/billing/upgrade', redirect: '/pricing' },
    { path: '/settings', redirect: '/account' },
    { path: '/forbidden', name: 'forbidden', component: () => import('./pages/ForbiddenPage.vue'), meta: { requiresAuth: true } },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})
