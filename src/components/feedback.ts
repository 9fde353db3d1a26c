import { Toast } from '@nutui/nutui-react-taro'
import { errorText } from '../services/errors'

/** The id every `Page` gives its Toast; NutUI scopes it to the current route. */
export const TOAST_ID = 'page-toast'

export function toast(content: string, icon?: 'success' | 'fail' | 'warn'): void {
  Toast.show(TOAST_ID, { content, icon, duration: 2.5, wordBreak: 'break-word' })
}

/** For a failure caught in a page: the server's Chinese message, or a plain one for the network. */
export function toastError(e: unknown): void {
  toast(errorText(e), 'fail')
}
