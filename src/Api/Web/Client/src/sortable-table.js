// Tables marked data-sortable get a sort button in each header cell. The first column sorts by locale-aware text, the
// others by the number in data-value (culture-formatted text such as "94,5 %" is never parsed).

export function enhanceSortableTables(root) {
  for (const table of root.querySelectorAll('table[data-sortable]')) {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.append(button);
      button.addEventListener('click', () => sortBy(table, headers, column));
    });
  }
}

function sortBy(table, headers, column) {
  const th = headers[column];
  const ascending = th.getAttribute('aria-sort') !== 'ascending';
  headers.forEach((h) => h.removeAttribute('aria-sort'));
  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  const body = table.tBodies[0];
  const lang = document.documentElement.lang;
  const rows = [...body.rows];
  rows.sort((a, b) => {
    const x = a.cells[column];
    const y = b.cells[column];
    const order = column > 0
      ? numeric(x) - numeric(y)
      : x.textContent.trim().localeCompare(y.textContent.trim(), lang);
    return ascending ? order : -order;
  });
  body.append(...rows);
}

// A withheld or undefined figure has no data-value (a withheld row has one cell for all its figures): it sorts below every number.
function numeric(cell) {
  const value = cell?.dataset.value;
  return value === undefined || value === '' ? -Infinity : Number(value);
}
