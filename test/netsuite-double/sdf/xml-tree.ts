// SDF XML as an ordered element tree (name, attributes, children, text), the form the validator
// walks. Well-formedness is checked first so a broken file fails with its line number.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated, trimmed text directly inside the element ('' when none). */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  commentPropName: '#comment',
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Parses `xml`; throws `Error` with the line of the first well-formedness error. */
export function parseXmlTree(xml: string): XmlElement[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML (line ${valid.err.line}): ${valid.err.msg}`);
  return toElements(parser.parse(xml) as OrderedNode[]);
}

function toElements(nodes: OrderedNode[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '#comment' || name.startsWith('?')) continue;
    const inner = (node[name] as OrderedNode[]) ?? [];
    out.push({
      name,
      attributes: { ...(node[':@'] ?? {}) },
      children: toElements(inner),
      text: inner
        .filter((n) => '#text' in n)
        .map((n) => String(n['#text']))
        .join('')
        .trim(),
    });
  }
  return out;
}

/** The root element of a document (the first element that is not a declaration). */
export function rootOf(elements: XmlElement[]): XmlElement | undefined {
  return elements.length === 1 ? elements[0] : undefined;
}
