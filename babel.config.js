// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5'
      }
    ]
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        // v3 ships one folder per component under dist/es/packages/<lowercase name>
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        // style/css pulls in only that component's compiled CSS (and the components it renders)
        style: (name) => `${name}/style/css`,
        camel2DashComponentName: false
      },
      'nutui-react-taro'
    ]
  ]
}
