/**
 * The Jest stand-in for @tarojs/components refuses what WeChat cannot draw: anything but text inside a <Text>.
 * (A <view> inside <text> shows in the browser build and vanishes on phones, so only this check finds it early.)
 */
import { render, screen } from '@testing-library/react'
import { Button, Image, Text, View } from '@tarojs/components'
import { Icon, IconLine } from '@/ui/Icon'

const shape = '<path d="M4 4h16"/>'

describe('nothing but text inside a Text', () => {
  let quiet: jest.SpyInstance
  beforeEach(() => {
    quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => quiet.mockRestore())

  it('throws for an Icon (a View) inside a Text, naming the Text', () => {
    expect(() =>
      render(
        <Text className="tag tag--warn">
          <Icon shape={shape} /> waiting
        </Text>,
      ),
    ).toThrow('<View> inside <Text> is not drawn by WeChat: <Text className="tag tag--warn"> holds a <View>')
  })

  it('throws for an Image or a Button anywhere below a Text, also through a nested Text', () => {
    expect(() => render(<Text><Text><Image src="a.png" /></Text></Text>)).toThrow('<Image> inside <Text> is not drawn by WeChat')
    expect(() => render(<Text>{'x'}<Button>go</Button></Text>)).toThrow('<Button> inside <Text> is not drawn by WeChat')
  })

  it('lets text nest in text, and an icon sit beside the words', () => {
    quiet.mockRestore()
    render(
      <View>
        <Text className="outer">
          before <Text className="inner">inside</Text>
        </Text>
        <IconLine shape={shape} className="tag">waiting</IconLine>
      </View>,
    )
    expect(screen.getByText('inside')).toBeTruthy()
    expect(screen.getByText('waiting').className).toBe('icon-label')
  })
})
