/**
 * The components' texts: English (default), German and Arabic. Apps pick a locale and override any
 * message through `createLumenUi()` (app-wide) or `provideLumenUi()` (one subtree). `{name}`
 * placeholders are filled in by the components (numbers formatted for the locale); text is always
 * rendered as text, never as HTML. A new key goes into its group here and into `de` and `ar` beside
 * it. Each component takes only the English groups it shows, so an app pays for the texts it uses.
 */
import { ar } from './messages.ar.js'
import { de } from './messages.de.js'

/** LumenLoginForm (its email and password labels also label the other forms). */
export const loginTexts = {
  loginEmail: 'Email',
  loginPassword: 'Password',
  loginSubmit: 'Sign in',
  loginBusy: 'Signing in…',
  loginForgot: 'Forgot password?',
  loginRegister: 'Create an account',
  loginInvalid: 'The email or password is incorrect.',
}

/** Every field and form: hints, the client-side checks. */
export const fieldTexts = {
  formOptional: '(optional)',
  formRequired: 'Please fill in this field.',
  formEmailInvalid: 'Enter a valid email address, like name@example.com.',
  formFieldInvalid: 'Please check this field.',
  formPasswordShort: 'The password needs at least {min} characters.',
}

/** The account forms (register, reset, invitation): names and new passwords. */
export const accountTexts = {
  formFirstName: 'First name',
  formLastName: 'Last name',
  formPasswordPolicy: 'At least {min} characters.',
  formNewPassword: 'New password',
  formConfirmPassword: 'Repeat the new password',
  formPasswordMismatch: 'The passwords do not match.',
  formBackToLogin: 'Back to sign in',
}

/** LumenRegisterForm. */
export const registerTexts = {
  registerTitle: 'Create your account',
  registerOrganization: 'Organization name',
  registerSubmit: 'Create account',
  registerBusy: 'Creating your account…',
  registerEmailTaken: 'An account with this email already exists.',
  registerSignIn: 'Already have an account? Sign in',
  registerDone: 'Your account has been created.',
}

/** LumenPasswordResetForm. */
export const resetTexts = {
  resetRequestTitle: 'Reset your password',
  resetRequestIntro: 'Enter the email of your account and we will send you a link to choose a new password.',
  resetRequestSubmit: 'Send reset link',
  resetRequestBusy: 'Sending…',
  resetRequestSent: 'If an account exists for that email address, we have sent it a link to reset the password. Check your inbox.',
  resetConfirmTitle: 'Choose a new password',
  resetConfirmSubmit: 'Change password',
  resetConfirmBusy: 'Changing password…',
  resetConfirmDone: 'Your password has been changed. Sign in with the new password.',
  resetTokenInvalid: 'This reset link is invalid, expired or already used. Please request a new one.',
}

/** LumenAcceptInvitationForm. */
export const inviteTexts = {
  inviteTitle: 'Join your team',
  inviteIntro: 'Set up your account to accept the invitation.',
  inviteSubmit: 'Accept invitation',
  inviteBusy: 'Accepting…',
  inviteExpired: 'This invitation has expired. Ask the person who invited you for a new one.',
  inviteUsed: 'This invitation has already been used. Sign in instead.',
  inviteInvalid: 'This invitation link is not valid. Check that you opened the whole link from the email.',
  inviteEmailTaken: 'An account with this email already exists. Sign in instead.',
}

/** A failed call, in every component. */
export const errorTexts = {
  errorNetwork: 'The server could not be reached. Check your connection and try again.',
  errorRateLimited: 'Too many attempts. Please wait a moment and try again.',
  errorRateLimitedIn: 'Too many attempts. Please try again {when}.',
  errorGeneric: 'Something went wrong. Please try again.',
}

/** Buttons several components share. */
export const actionTexts = {
  retry: 'Try again',
  cancel: 'Cancel',
}

/** LumenOrgSwitcher, and the organizations in LumenUserButton. */
export const orgTexts = {
  orgLabel: 'Organization',
  orgSwitching: 'Switching organization…',
  orgSwitched: 'Switched to {name}.',
  orgNone: 'No organizations',
  orgCreate: 'Create organization',
  orgRoleOwner: 'Owner',
  orgRoleAdmin: 'Admin',
  orgRoleMember: 'Member',
}

/** LumenUserButton. */
export const userTexts = {
  userMenu: 'Account menu for {name}',
  userManage: 'Manage account',
  userSignOut: 'Sign out',
  userSigningOut: 'Signing out…',
  userLoading: 'Loading your account…',
}

/** LumenSessionList. */
export const sessionTexts = {
  sessionsTitle: 'Active sessions',
  sessionsLoading: 'Loading sessions…',
  sessionsEmpty: 'No active sessions.',
  sessionsError: 'Your sessions could not be loaded.',
  sessionsThisDevice: 'This device',
  sessionsUnknownDevice: 'Unknown device',
  sessionsIp: 'IP address {ip}',
  sessionsLastActive: 'Last active {date}',
  sessionsRevoke: 'Sign out',
  sessionsRevokeLabel: 'Sign out {device}',
  sessionsConfirm: 'Sign out this session?',
  sessionsConfirmYes: 'Yes, sign out',
  sessionsConfirmOthers: 'Sign out every other session?',
  sessionsRevokeOthers: 'Sign out all other sessions',
  sessionsRevoked: '{device} has been signed out.',
  sessionsRevokedOthers: 'Every other session has been signed out.',
}

/** LumenAvatarUploader. */
export const avatarTexts = {
  avatarAlt: 'Profile photo of {name}',
  avatarChoose: 'Upload a photo',
  avatarRemove: 'Remove photo',
  avatarUploading: 'Uploading…',
  avatarWrongType: 'Please choose a PNG, JPEG or WebP image.',
  avatarTooLarge: 'The image is larger than {max}. Please choose a smaller one.',
  avatarHint: 'PNG, JPEG or WebP up to {max}. You can also drop it here.',
  avatarSaved: 'Your new photo has been saved.',
  avatarRemoved: 'Your photo has been removed.',
  avatarCancelled: 'The upload was cancelled.',
}

/** LumenPaywallGate and its default locked card (LumenUpgradeCard). */
export const gateTexts = {
  gateLoading: 'Checking your plan…',
  gateError: 'Your plan could not be checked. Please try again.',
  gateLockedTitle: 'Upgrade required',
  gateLockedTier: 'This feature is included in the {tier} plan and above.',
  gateLockedNoTier: 'This feature is not included in your plan.',
  gateUpgrade: 'Upgrade now',
  gateDisabledTier: 'Available in the {tier} plan and above.',
  gateDisabledNoTier: 'Not included in your plan.',
}

/** Prices and plan lines (LumenUpgradeCard, LumenPricingTable, LumenLicenseBanner). */
export const planTexts = {
  priceMonth: '{price} per month',
  priceYear: '{price} per year',
  priceFree: 'Free',
  priceCustom: 'Price on request',
  planIncludes: 'The {tier} plan includes:',
  planLimit: '{name}: {value}',
  planUnlimited: '{name}: unlimited',
  planSeats: 'Seats',
}

/** LumenPricingTable. */
export const pricingTexts = {
  pricingTitle: 'Plans',
  pricingInterval: 'Billing period',
  pricingMonthly: 'Monthly',
  pricingYearly: 'Yearly',
  pricingCurrent: 'Current plan',
  pricingChoose: 'Choose {tier}',
  pricingLoading: 'Loading plans…',
  pricingError: 'The plans could not be loaded.',
}

/** LumenLicenseBanner. */
export const bannerTexts = {
  bannerLabel: 'License notice',
  bannerTrialEnds: 'Your trial ends {when}.',
  bannerTrialEndsToday: 'Your trial ends today.',
  bannerExpired: 'Your {product} license has expired.',
  bannerNoLicense: 'Your organization has no {product} license.',
  bannerUsage: '{name}: {used} of {limit} used ({percent}).',
  bannerUsageOver: '{name}: {used} of {limit} used. You are over your plan’s limit.',
  bannerUpgrade: 'Upgrade',
  bannerChoosePlan: 'Choose a plan',
  bannerDismiss: 'Dismiss',
}

/** Every message key with its text. */
export type LumenUiMessages = { [K in keyof (typeof loginTexts & typeof fieldTexts & typeof accountTexts & typeof registerTexts & typeof resetTexts & typeof inviteTexts & typeof errorTexts & typeof actionTexts & typeof orgTexts & typeof userTexts & typeof sessionTexts & typeof avatarTexts & typeof gateTexts & typeof planTexts & typeof pricingTexts & typeof bannerTexts)]: string }

/** The English texts, whole (each component carries only the groups above it uses). */
export const en: LumenUiMessages = /* @__PURE__ */ Object.assign({}, loginTexts, fieldTexts, accountTexts, registerTexts, resetTexts, inviteTexts, errorTexts, actionTexts, orgTexts, userTexts, sessionTexts, avatarTexts, gateTexts, planTexts, pricingTexts, bannerTexts)

export { ar, de }

/** The built-in locales (by language: `de-AT` uses `de`). */
export const lumenUiLocales: Record<'en' | 'de' | 'ar', LumenUiMessages> = { en, de, ar }
