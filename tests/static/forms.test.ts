// Forms check themselves: every <form> of the renderer has noValidate (Chromium's validation bubbles speak the browser's
// language, not the office's), every form has at least one field that shows its own problem, a field marked `required`
// shows its own problem at the field (aria-invalid, or for TextField and SelectField an error prop, in the same tag), and a
// field marked invalid is described by its message. Read from the sources' syntax trees, not by text.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles } from './build-output.ts';

interface Tag {
  file: string;
  line: number;
  name: string;
  attributes: Map<string, ts.JsxAttribute>;
  /** Attributes given by a spread of an object written in the same file (`{...fieldProps(field)}`), by name. */
  spread: Set<string>;
  /** The tags inside this one (for an element with children; none for a self-closing tag). */
  inner: Tag[];
}

const has = (tag: Tag, attribute: string) => tag.attributes.has(attribute) || tag.spread.has(attribute);

/** The property names of the object literals in the declaration of `name` in this file (a const or a function). */
function spreadAttributes(source: ts.SourceFile, spread: ts.JsxSpreadAttribute): string[] {
  const expression = ts.isCallExpression(spread.expression) ? spread.expression.expression : spread.expression;
  if (!ts.isIdentifier(expression)) return [];
  const names: string[] = [];
  const collect = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) for (const property of node.properties) if (property.name) names.push(property.name.getText(source).replace(/^['"]|['"]$/g, ''));
    ts.forEachChild(node, collect);
  };
  const find = (node: ts.Node) => {
    if ((ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node)) && node.name?.getText(source) === expression.text) collect(node);
    else ts.forEachChild(node, find);
  };
  find(source);
  return names;
}

/** Every JSX opening tag of the renderer's .tsx files, with its named attributes. */
function jsxTags(): Tag[] {
  const tags: Tag[] = [];
  for (const file of sourceFiles('renderer/src').filter((name) => name.endsWith('.tsx'))) {
    const source = ts.createSourceFile(file, readSource(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    // Every tag is added to all the elements it stands in (open: the elements around the node being visited).
    const open: Tag[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
        const attributes = new Map<string, ts.JsxAttribute>();
        const spread = new Set<string>();
        for (const property of node.attributes.properties) {
          if (ts.isJsxAttribute(property)) attributes.set(property.name.getText(source), property);
          else for (const name of spreadAttributes(source, property)) spread.add(name);
        }
        const tag: Tag = { file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, name: node.tagName.getText(source), attributes, spread, inner: [] };
        tags.push(tag);
        for (const outer of open) outer.inner.push(tag);
        if (ts.isJsxOpeningElement(node)) {
          // The children of the element are visited with it open.
          ts.forEachChild(node, visit);
          open.push(tag);
          for (const child of node.parent.children) visit(child);
          open.pop();
          return;
        }
      }
      if (ts.isJsxElement(node)) {
        visit(node.openingElement);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return tags;
}

/** An attribute that is there and not switched off (`noValidate`, `noValidate={true}`; not `noValidate={false}`). */
function isOn(attribute: ts.JsxAttribute | undefined): boolean {
  if (!attribute) return false;
  const value = attribute.initializer;
  return !(value && ts.isJsxExpression(value) && value.expression?.kind === ts.SyntaxKind.FalseKeyword);
}

const where = (tag: Tag) => `${tag.file} <${tag.name}>`;

/** Whether the tag is a field that shows its own problem: an input, text area or select with aria-invalid, a TextField or
 * SelectField with an error prop, a FilePicker marked invalid, or a DateField (it checks what is typed itself). */
function showsProblem(tag: Tag): boolean {
  if (['input', 'textarea', 'select'].includes(tag.name)) return has(tag, 'aria-invalid');
  if (tag.name === 'FilePicker') return has(tag, 'invalid');
  if (['TextField', 'SelectField'].includes(tag.name)) return has(tag, 'error');
  return tag.name === 'DateField';
}

describe('forms', () => {
  const tags = jsxTags();

  it('finds the forms it checks (the reader works)', () => {
    expect(tags.filter((tag) => tag.name === 'form').length).toBeGreaterThanOrEqual(10);
  });

  it('every <form> has noValidate', () => {
    const offenders = tags.filter((tag) => tag.name === 'form' && !isOn(tag.attributes.get('noValidate'))).map(where);
    expect(offenders, 'add noValidate and check the fields in the submit handler').toEqual([]);
  });

  it('every <form> checks its fields: at least one field in it shows its own problem', () => {
    const offenders = tags.filter((tag) => tag.name === 'form' && !tag.inner.some(showsProblem)).map((tag) => `${tag.file}:${tag.line}`);
    expect(offenders, 'check the fields in the submit handler and show each problem at its field (TextField, SelectField error, aria-invalid)').toEqual([]);
  });

  it('a required field shows its own problem (aria-invalid on inputs, an error prop on TextField and SelectField)', () => {
    const offenders = tags
      .filter((tag) => has(tag, 'required') && ['input', 'textarea', 'select', 'TextField', 'SelectField'].includes(tag.name))
      .filter((tag) => !showsProblem(tag))
      .map((tag) => `${where(tag)}:${tag.line}`);
    expect(offenders, 'with noValidate, `required` alone says nothing: show the problem at the field').toEqual([]);
  });

  it('a field marked invalid is described by its message (aria-describedby in the same tag; describedBy on a FilePicker)', () => {
    const offenders = tags
      .filter((tag) => (has(tag, 'aria-invalid') && !has(tag, 'aria-describedby')) || (tag.name === 'FilePicker' && has(tag, 'invalid') && !has(tag, 'describedBy')))
      .map((tag) => `${where(tag)}:${tag.line}`);
    expect(offenders).toEqual([]);
  });
});
