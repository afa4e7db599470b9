/**
 * The components' texts: English (default) and German. Apps pick a locale and override any message
 * through `createLumenUi()` (app-wide) or `provideLumenUi()` (one subtree). `{name}` placeholders
 * are filled in by the components; text is always rendered as text, never as HTML.
 */

export const en = {
  // LumenLoginForm
  loginEmail: 'Email',
  loginPassword: 'Password',
  loginSubmit: 'Sign in',
  loginBusy: 'Signing in…',
  loginForgot: 'Forgot password?',
  loginRegister: 'Create an account',
  loginInvalid: 'The email or password is incorrect.',
  // shared errors
  errorNetwork: 'The server could not be reached. Check your connection and try again.',
  errorRateLimited: 'Too many attempts. Please wait a moment and try again.',
  errorGeneric: 'Something went wrong. Please try again.',
  retry: 'Try again',
  cancel: 'Cancel',
  // LumenOrgSwitcher
  orgLabel: 'Organization',
  orgSwitching: 'Switching organization…',
  orgNone: 'No organizations',
  // LumenSessionList
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
  // LumenAvatarUploader
  avatarAlt: 'Profile photo of {name}',
  avatarChoose: 'Upload a photo',
  avatarRemove: 'Remove photo',
  avatarUploading: 'Uploading…',
  avatarWrongType: 'Please choose a PNG, JPEG or WebP image.',
  avatarTooLarge: 'The image is larger than {max}. Please choose a smaller one.',
  // LumenPaywallGate
  gateLoading: 'Checking your plan…',
  gateError: 'Your plan could not be checked. Please try again.',
  gateLockedTitle: 'Upgrade required',
  gateLockedTier: 'This feature is included in the {tier} plan and above.',
  gateLockedNoTier: 'This feature is not included in your plan.',
  gateUpgrade: 'Upgrade now',
}

/** Every message key with its text. */
export type LumenUiMessages = typeof en

export const de: LumenUiMessages = {
  loginEmail: 'E-Mail',
  loginPassword: 'Passwort',
  loginSubmit: 'Anmelden',
  loginBusy: 'Anmeldung läuft…',
  loginForgot: 'Passwort vergessen?',
  loginRegister: 'Konto erstellen',
  loginInvalid: 'E-Mail oder Passwort ist falsch.',
  errorNetwork: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  errorRateLimited: 'Zu viele Versuche. Bitte warten Sie einen Moment.',
  errorGeneric: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  retry: 'Erneut versuchen',
  cancel: 'Abbrechen',
  orgLabel: 'Organisation',
  orgSwitching: 'Organisation wird gewechselt…',
  orgNone: 'Keine Organisationen',
  sessionsTitle: 'Aktive Sitzungen',
  sessionsLoading: 'Sitzungen werden geladen…',
  sessionsEmpty: 'Keine aktiven Sitzungen.',
  sessionsError: 'Ihre Sitzungen konnten nicht geladen werden.',
  sessionsThisDevice: 'Dieses Gerät',
  sessionsUnknownDevice: 'Unbekanntes Gerät',
  sessionsIp: 'IP-Adresse {ip}',
  sessionsLastActive: 'Zuletzt aktiv {date}',
  sessionsRevoke: 'Abmelden',
  sessionsRevokeLabel: '{device} abmelden',
  sessionsConfirm: 'Diese Sitzung abmelden?',
  sessionsConfirmYes: 'Ja, abmelden',
  sessionsConfirmOthers: 'Alle anderen Sitzungen abmelden?',
  sessionsRevokeOthers: 'Alle anderen Sitzungen abmelden',
  avatarAlt: 'Profilfoto von {name}',
  avatarChoose: 'Foto hochladen',
  avatarRemove: 'Foto entfernen',
  avatarUploading: 'Wird hochgeladen…',
  avatarWrongType: 'Bitte wählen Sie ein PNG-, JPEG- oder WebP-Bild.',
  avatarTooLarge: 'Das Bild ist größer als {max}. Bitte wählen Sie ein kleineres.',
  gateLoading: 'Ihr Tarif wird geprüft…',
  gateError: 'Ihr Tarif konnte nicht geprüft werden. Bitte versuchen Sie es erneut.',
  gateLockedTitle: 'Upgrade erforderlich',
  gateLockedTier: 'Diese Funktion ist ab dem Tarif {tier} enthalten.',
  gateLockedNoTier: 'Diese Funktion ist in Ihrem Tarif nicht enthalten.',
  gateUpgrade: 'Jetzt upgraden',
}

/** The built-in locales. */
export const lumenUiLocales: Record<'en' | 'de', LumenUiMessages> = { en, de }
