// Package table reads the measurement tables every ansatz verb starts from:
// delimited text (CSV, TSV, ';' or '|' separated, or runs of spaces) and
// NumPy .npy arrays, any of them optionally gzip-compressed. The format and
// the compression are recognised from the first bytes of the file, not from
// its name, so "data.txt" holding gzip'd TSV loads fine.
//
// The goal is that a table either loads completely and correctly or fails
// with one error naming file:line:column (an inputerr.Error, which the CLI
// turns into exit code 2). Nothing half-loads and nothing panics. Lines
// count from 1 at the top of the file (the header is line 1 unless blank
// lines precede it); columns are 1-based field numbers. NPY errors name the
// row instead.
//
// # Delimited text
//
//   - The first row holds the column names. A UTF-8 byte-order mark and CRLF
//     line ends are accepted; blank lines and trailing rows whose every cell
//     is empty (as spreadsheets write) are ignored.
//   - The separator is Options.Sep, or sniffed from the first lines: the
//     first of tab, ',', ';', '|' that splits every sampled line into the
//     same number (>1) of fields; else runs of blanks; else ','.
//     Double quotes follow RFC 4180 (not in blank-separated files);
//     blanks after a separator are ignored.
//   - Cells parse as float64 (strconv.ParseFloat after trimming blanks,
//     so "nan", "inf" and "1e400" (= +Inf) are numbers). Empty cells and
//     NA, N/A, null, None, ? (any case) are missing values. Missing, NaN
//     and ±Inf values in a loaded column are an error unless
//     Options.DropNonFinite is set; then their rows are dropped and
//     Table.DroppedRows counts them.
//   - Column kinds are decided by the first data row. A column whose first
//     cell is neither a number nor missing is a text column (an id, a
//     label); a column with an empty header name is an index column (as
//     pandas writes). Neither is a default feature: they are skipped and
//     listed in Table.Skipped. Asking for one by name (as target or
//     feature; an index column is named "col<k>", k its 1-based position)
//     loads it, and then every cell must be numeric. A numeric column that
//     later holds text is an error at that cell, never a silent skip.
//
// # NPY
//
// A 2-D float32 or float64 array (either byte order, C or Fortran order)
// whose columns are the table's columns. Names come from a sidecar text
// file next to it, the NPY path with ".names" appended ("data.npy.names"),
// holding one name per line or one comma-separated line; without it the
// columns are named x0, x1, .... Only Load reads the sidecar.
//
// # Sizes a file declares
//
// Nothing is allocated on a file's word alone. An NPY header's length and
// shape must match the file's length exactly when it is known (a regular
// file, not gzip'd); otherwise the data are read before anything sized by
// the column count, so memory follows the bytes actually present. A names
// sidecar may hold at most 4 KiB per column. Gzip data may expand past
// 16 MiB only while staying under 250 times the compressed bytes read
// (real tables compress 3-10 fold); beyond that the file is refused as a
// likely gzip bomb, and loads once decompressed.
//
// # Selecting columns
//
// Options.Target names the column to predict; by default it is the last
// column that is neither dropped nor an index column (so a trailing
// separator on every line does not make an empty target). Options.Features lists the inputs in the order
// wanted; by default every other numeric column, in file order.
// Options.Drop removes columns from the defaults. Every name given must
// exist, and column names must be unique.
//
// Checks after loading: at least 2 rows (1 for prediction) and a target
// that is not constant.
package table
