import React from 'react'
import { AccountProvider } from './state/account'
import './app.scss'

function App({ children }: { children?: React.ReactNode }) {
  return <AccountProvider>{children}</AccountProvider>
}

export default App
