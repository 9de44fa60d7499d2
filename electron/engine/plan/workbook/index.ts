export { openWorkbook, type OpenWorkbookOptions } from './openWorkbook';
export { OpenedWorkbook, NA_MARKERS, textOf, valueOf, type CellData, type CellValue, type ReadOptions, type SheetInfo } from './openedWorkbook';
export { defaultWorkbookLimits, resolveLimits, type WorkbookLimits } from './limits';
export { columnIndex, columnLetters, formatAddress, parseAddress, parseRange, rowRange, type CellPosition, type CellRange } from './address';
export { evaluateFormula, tokenize, FormulaUnsupported, type FormulaContext, type Token } from './formula';
export { disposeSpareParseWorker, prewarmParseWorker, setParseWorkerPrewarm, setParseWorkerUrl } from './parseInWorker';
export type { RawSheet, RawWorkbook, SheetState } from './rawWorkbook';
