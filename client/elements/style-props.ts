import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

/**
 * Sets style properties through the CSSOM (`style.setProperty`), on the first render too. Lit's
 * styleMap writes a `style` attribute on first render, which a Content-Security-Policy without
 * 'unsafe-inline' refuses; CSSOM writes are allowed. Property names are CSS's own (kebab-case).
 */
class StylePropsDirective extends Directive {
  private previous: readonly string[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') throw new Error('styleProps belongs in a style attribute');
  }

  render(_props: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = part.element.style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.previous = Object.keys(props);
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
