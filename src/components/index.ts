// "./vue-ui" entry: drop-in components over the ./vue composables. Each export names its leaf file.
// Styles are not imported here: apps import '@vss-software/lumen-account-sdk/vue-ui/style.css'.

// ---- components
export {
  default as LumenLoginForm,
  type LumenLoginFormEmits,
  type LumenLoginFormProps,
  type LumenLoginFormSlots,
} from './LumenLoginForm.vue'
export {
  default as LumenRegisterForm,
  type LumenRegisterFormEmits,
  type LumenRegisterFormProps,
  type LumenRegisterFormSlots,
} from './LumenRegisterForm.vue'
export {
  default as LumenPasswordResetForm,
  type LumenPasswordResetFormEmits,
  type LumenPasswordResetFormProps,
  type LumenPasswordResetFormSlots,
} from './LumenPasswordResetForm.vue'
export {
  default as LumenAcceptInvitationForm,
  type LumenAcceptInvitationFormEmits,
  type LumenAcceptInvitationFormProps,
  type LumenAcceptInvitationFormSlots,
} from './LumenAcceptInvitationForm.vue'
export {
  default as LumenOrgSwitcher,
  type LumenOrgSwitcherEmits,
  type LumenOrgSwitcherProps,
  type LumenOrgSwitcherSlots,
} from './LumenOrgSwitcher.vue'
export {
  default as LumenUserButton,
  type LumenUserButtonEmits,
  type LumenUserButtonProps,
  type LumenUserButtonSlots,
} from './LumenUserButton.vue'
export { default as LumenAvatar, type LumenAvatarProps, type LumenAvatarSlots } from './LumenAvatar.vue'
export type { LumenMenuItemProps } from './menu.js'
export {
  default as LumenSessionList,
  type LumenSessionListEmits,
  type LumenSessionListProps,
  type LumenSessionListSlots,
} from './LumenSessionList.vue'
export {
  default as LumenAvatarUploader,
  LUMEN_AVATAR_TYPES,
  type LumenAvatarUploaderEmits,
  type LumenAvatarUploaderProps,
  type LumenAvatarUploaderSlots,
} from './LumenAvatarUploader.vue'
export {
  default as LumenPaywallGate,
  type LumenPaywallGateEmits,
  type LumenPaywallGateProps,
  type LumenPaywallGateSlots,
  type LumenPaywallGateState,
  type LumenPaywallMode,
  type LumenPaywallReason,
} from './LumenPaywallGate.vue'
export {
  default as LumenUpgradeCard,
  type LumenUpgradeCardEmits,
  type LumenUpgradeCardProps,
  type LumenUpgradeCardSlots,
} from './LumenUpgradeCard.vue'
export {
  default as LumenPricingTable,
  type LumenPricingTableEmits,
  type LumenPricingTableProps,
  type LumenPricingTableSlots,
} from './LumenPricingTable.vue'
export {
  default as LumenLicenseBanner,
  type LumenLicenseBannerEmits,
  type LumenLicenseBannerKind,
  type LumenLicenseBannerProps,
  type LumenLicenseBannerSlots,
} from './LumenLicenseBanner.vue'
export type { LumenPlanLabels } from './plans.js'

// ---- translations
export {
  createLumenUi,
  LUMEN_UI_KEY,
  provideLumenUi,
  type LumenUi,
  type LumenUiMessageKey,
  type LumenUiOptions,
  type LumenUiParams,
} from './lumenUi.js'
export { ar, de, en, lumenUiLocales, type LumenUiMessages } from './messages.js'
