declare module '*.png'
declare module '*.scss'
