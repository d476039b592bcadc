import { pressWithKeys } from './Tappable'

/*
 * H5 only (issue 21). Taro draws every <Button> as <taro-button-core>, a custom element that a screen reader does not
 * know as a button and the Tab key does not reach. Each one that appears becomes role="button" (unless it was given
 * another role, such as a checkbox), a tab stop, pressed by Enter and Space, and says when it is disabled: Taro's
 * H5 button writes disabled="false" for an enabled one, so the attribute alone says nothing.
 */
const BUTTON = 'taro-button-core'
/**
 * Taro's H5 Input, Textarea and Image put every attribute on their wrapper element, where a name means nothing
 * (ARIA names no generic element): an input's aria-label moves to the <input>/<textarea> inside, an image's to the
 * <img> (as its alt and aria-label). An image given no words is decorative: alt="". A wrapper with a role of its own
 * (a photo that is a button, src/ui/Tappable.tsx tapAttributes) keeps its name too.
 */
const LABELLED: Record<string, { inner: string; alt: boolean }> = {
  'taro-input-core': { inner: 'input', alt: false },
  'taro-textarea-core': { inner: 'textarea', alt: false },
  'taro-image-core': { inner: 'img', alt: true },
}

function moveLabel(host: HTMLElement): void {
  const rule = LABELLED[host.localName]
  const inner = host.querySelector(rule.inner)
  const label = host.getAttribute('aria-label')
  if (label !== null) host.dataset.a11yLabel = label
  if (!inner) return
  const words = host.dataset.a11yLabel ?? ''
  if (rule.alt && inner.getAttribute('alt') !== words) inner.setAttribute('alt', words)
  if (words && inner.getAttribute('aria-label') !== words) inner.setAttribute('aria-label', words)
  if (label !== null && !host.hasAttribute('role')) host.removeAttribute('aria-label')
}

/**
 * The app's page titles and section titles are Texts styled by class (app.scss .title, .subtitle): on H5 they are
 * headings too, of level 1 and 2. (SectionTitle marks its own, on both targets: src/ui/heading.ts.)
 */
const HEADINGS: Record<string, number> = { title: 1, subtitle: 2 }

function visit(element: HTMLElement): void {
  if (element.localName === BUTTON) upgrade(element)
  else if (LABELLED[element.localName]) moveLabel(element)
  for (const [name, level] of Object.entries(HEADINGS)) {
    if (element.classList.contains(name) && !element.hasAttribute('role')) {
      element.setAttribute('role', 'heading')
      element.setAttribute('aria-level', String(level))
    }
  }
}

function upgrade(button: HTMLElement): void {
  if (!button.hasAttribute('role')) button.setAttribute('role', 'button')
  const disabled = button.hasAttribute('disabled') && button.getAttribute('disabled') !== 'false'
  // Only the aria-disabled set here is taken back here (a Tappable sets its own): an enabled button must not stay disabled.
  if (disabled && button.getAttribute('aria-disabled') !== 'true') {
    button.setAttribute('aria-disabled', 'true')
    button.dataset.a11yDisabled = ''
  } else if (!disabled && button.dataset.a11yDisabled !== undefined) {
    button.removeAttribute('aria-disabled')
    delete button.dataset.a11yDisabled
  }
  if (!button.hasAttribute('tabindex') || button.dataset.a11yTab !== undefined) {
    button.tabIndex = disabled ? -1 : 0
    button.dataset.a11yTab = ''
  }
  if (button.dataset.a11yKeys === undefined) {
    button.dataset.a11yKeys = ''
    button.addEventListener('keydown', pressWithKeys)
  }
}

/** Starts the upgrades on a document (app.ts, H5): what is there now and whatever appears later. */
export function startDocumentA11y(root: Document): MutationObserver {
  // Computed here, not at the top of the module: a module with no top-level work drops out of the weapp app.js,
  // which imports this file but never calls it (issue 19).
  const SELECTOR = [BUTTON, ...Object.keys(LABELLED), ...Object.keys(HEADINGS).map((name) => `.${name}`)].join(',')
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.target instanceof HTMLElement) visit(record.target)
        continue
      }
      // The inner <img>/<input> of a labelled wrapper arrives after it.
      if (record.target instanceof HTMLElement && LABELLED[record.target.localName]) moveLabel(record.target)
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof HTMLElement)) continue
        visit(node)
        node.querySelectorAll<HTMLElement>(SELECTOR).forEach(visit)
      }
    }
  })
  observer.observe(root.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'aria-label'] })
  root.querySelectorAll<HTMLElement>(SELECTOR).forEach(visit)
  return observer
}
