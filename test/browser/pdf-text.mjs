// Prints the text of a PDF as JSON, page by page, each piece with its position and width in
// points, and the fill colours the page paints with:
// { pages: [{ width, height, items: [{ text, x, y, width }], fills: ['#c8553d', …] }] }. A separate process,
// because unpdf (PDF.js) is an ES module that jest's CommonJS runtime does not load.
import { readFileSync } from 'node:fs';
import process from 'node:process';

// PDF.js paints images with ArrayBuffer.prototype.transferToFixedLength, which Node has from 21 on.
if (ArrayBuffer.prototype.transferToFixedLength === undefined) {
  ArrayBuffer.prototype.transferToFixedLength = function transferToFixedLength(length = this.byteLength) {
    const copy = new ArrayBuffer(length);
    new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
    return copy;
  };
}
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';

const { OPS } = await getResolvedPDFJS();

const pdf = await getDocumentProxy(new Uint8Array(readFileSync(process.argv[2])));
const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const { width, height } = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items = content.items
    .filter((item) => 'str' in item && item.str.trim() !== '')
    .map((item) => ({ text: item.str, x: item.transform[4], y: item.transform[5], width: item.width }));
  const operators = await page.getOperatorList();
  const fills = new Set();
  operators.fnArray.forEach((fn, index) => {
    if (fn === OPS.setFillRGBColor) fills.add(String(operators.argsArray[index][0]));
  });
  pages.push({ width, height, items, fills: [...fills] });
}
process.stdout.write(JSON.stringify({ pages }));
