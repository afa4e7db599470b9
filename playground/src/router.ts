import { createRouter, createWebHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { guestOnly: true } },
    { path: '/', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { requiresAuth: true } },
    { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), meta: { requiresAuth: true } },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})
