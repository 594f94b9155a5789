/**
 * Kurva S's line chart as a real DrawingML chart part (what Excel writes for Insert › Line): a drawing
 * anchored at the grid's cell, a chart with one series per spec entry — its values and the month
 * labels as references into the report sheet, with their current values cached so the picture shows
 * before Excel recalculates.
 */
import { columnName, parseArea, parseCell, type Scalar } from "../../omspan/sheet-calc";
import type { LineChart } from "../../omspan/templates/grid";
import { escapeAttr, escapeText } from "../xml";

const quoteSheet = (s: string) => `'${s.replace(/'/g, "''")}'`;

function absolute(sheet: string, ref: string): string {
  const a = parseArea(ref)!;
  const col = columnName;
  return `${quoteSheet(sheet)}!$${col(a.left)}$${a.top + 1}:$${col(a.right)}$${a.bottom + 1}`;
}

function cache(values: readonly Scalar[], kind: "str" | "num"): string {
  const pts = values
    .map((v, i) => (v === null || v === "" || (kind === "num" && typeof v !== "number") ? "" : `<c:pt idx="${i}"><c:v>${escapeText(String(v))}</c:v></c:pt>`))
    .join("");
  return kind === "num" ? `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>` : `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

/** The chart part of a line chart; `valuesOf` gives a range's current values, top to bottom. */
export function lineChartXml(spec: LineChart, sheet: string, valuesOf: (ref: string) => Scalar[]): string {
  const cats = valuesOf(spec.categories);
  const series = spec.series
    .map((s, i) =>
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeText(s.name)}</c:v></c:tx><c:marker><c:symbol val="circle"/></c:marker>` +
      `<c:cat><c:strRef><c:f>${escapeText(absolute(sheet, spec.categories))}</c:f>${cache(cats, "str")}</c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${escapeText(absolute(sheet, s.values))}</c:f>${cache(valuesOf(s.values), "num")}</c:numRef></c:val><c:smooth val="0"/></c:ser>`,
    )
    .join("");
  const title = `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeText(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>` +
    '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    '<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="0%" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

/** The drawing part placing charts (by relationship id) at their anchor cells, about 480 × 300 pt each. */
export function drawingXml(charts: readonly { anchor: string; relId: string; name: string }[]): string {
  const anchors = charts
    .map((c, i) => {
      const at = parseCell(c.anchor)!;
      return (
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${at.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${at.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${at.col + 8}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${at.row + 20}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(c.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${c.relId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors}</xdr:wsDr>`;
}
