;; The dataset profiler's loop over bytes with no quote (CsvProfiler.consumeUnquoted, csv-profiler.ts): it finds each
;; record's fields and counts in place each value the column's tally already knows the outcome of; every other value
;; is written out for the tally to count in JavaScript, in order. What it counts is what ColumnTally would:
;; - a capped numeric column (mode 1): a plain decimal (digits, at most one dot, a leading minus; at most 300 bytes)
;;   longer than 4 bytes is present (ColumnTally.settles);
;; - a capped categorical column (mode 2): an ASCII value longer than 4 bytes is present;
;; - any column: an ASCII value of at most 7 bytes (no NUL) whose key (shortKeyAt: its bytes in base 128, the last
;;   one the most significant) is one of the keys the tally gave for its present or its missing values.
;; A value the tally would count otherwise is never counted here: a mode or a key list only ever holds less than
;; the tally knows, so a value with no outcome here goes to the tally, which decides.
;;
;; Memory: the bytes at offset 0; at `cols`, one 192-byte record per column: mode (i32), the present and missing
;; counts made here (i32, i32), how many present and missing keys (i32, i32), then 16 present keys and 4 missing keys
;; (f64); at `out`, the values left to the tally, 16 bytes each: column, start, end, flags (1 a plain decimal, 2 a
;; value the tally may settle by its length (a plain decimal's bytes: no byte but digits, dots and a leading minus,
;; at most 300), 4 a field absent from a short record, 8 the only field of its line, 16 only ASCII bytes).
;;
;; `profile` answers 0 when it read every record up to `n`, 1 when `out` could not take the next record's values
;; (the tally counts those written, then calls again from `resume`), 2 at a lone CR (the profile is left to
;; csv-parse). `rows` counts the records read, `written` the values written out.
;;
;; Built into csv-profile.wasm.ts by `npm run gen:wasm`.
(module
  (memory (export "memory") 1)
  (global $rows (export "rows") (mut i32) (i32.const 0))
  (global $written (export "written") (mut i32) (i32.const 0))
  (global $resume (export "resume") (mut i32) (i32.const 0))

  ;; Whether the f64 `key` is one of the `count` keys at `at`.
  (func $known (param $key f64) (param $at i32) (param $count i32) (result i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 3))))
    (loop $keys
      (if (i32.ge_u (local.get $at) (local.get $end)) (then (return (i32.const 0))))
      (if (f64.eq (f64.load (local.get $at)) (local.get $key)) (then (return (i32.const 1))))
      (local.set $at (i32.add (local.get $at) (i32.const 8)))
      (br $keys))
    (i32.const 0))

  ;; Adds one to the i32 at `at`.
  (func $bump (param $at i32)
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1))))

  ;; Counts the value [start, end) of the column whose record is at `col` here when its outcome is known; answers 0
  ;; when the tally has to count it.
  (func $counted (param $col i32) (param $start i32) (param $end i32) (param $plain i32) (param $ascii i32) (param $nul i32)
    (result i32)
    (local $length i32) (local $mode i32) (local $key f64) (local $at i32)
    (local.set $length (i32.sub (local.get $end) (local.get $start)))
    (local.set $mode (i32.load (local.get $col)))
    (if (i32.and (i32.gt_u (local.get $length) (i32.const 4))
                 (i32.or (i32.and (i32.eq (local.get $mode) (i32.const 1)) (local.get $plain))
                         (i32.and (i32.eq (local.get $mode) (i32.const 2)) (local.get $ascii))))
      (then (call $bump (i32.add (local.get $col) (i32.const 4))) (return (i32.const 1))))
    (if (i32.or (i32.eqz (local.get $ascii)) (i32.or (local.get $nul) (i32.gt_u (local.get $length) (i32.const 7))))
      (then (return (i32.const 0))))
    (local.set $at (local.get $end))
    (block $keyed
      (loop $bytes
        (br_if $keyed (i32.le_u (local.get $at) (local.get $start)))
        (local.set $at (i32.sub (local.get $at) (i32.const 1)))
        (local.set $key (f64.add (f64.mul (local.get $key) (f64.const 128))
                                 (f64.convert_i32_u (i32.load8_u (local.get $at)))))
        (br $bytes)))
    (if (call $known (local.get $key) (i32.add (local.get $col) (i32.const 24)) (i32.load offset=12 (local.get $col)))
      (then (call $bump (i32.add (local.get $col) (i32.const 4))) (return (i32.const 1))))
    (if (call $known (local.get $key) (i32.add (local.get $col) (i32.const 152)) (i32.load offset=16 (local.get $col)))
      (then (call $bump (i32.add (local.get $col) (i32.const 8))) (return (i32.const 1))))
    (i32.const 0))

  ;; Writes a value out for the tally.
  (func $writeOut (param $out i32) (param $column i32) (param $start i32) (param $end i32) (param $flags i32)
    (local $at i32)
    (local.set $at (i32.add (local.get $out) (i32.shl (global.get $written) (i32.const 4))))
    (i32.store (local.get $at) (local.get $column))
    (i32.store offset=4 (local.get $at) (local.get $start))
    (i32.store offset=8 (local.get $at) (local.get $end))
    (i32.store offset=12 (local.get $at) (local.get $flags))
    (global.set $written (i32.add (global.get $written) (i32.const 1))))

  ;; Reads the records of [from, n) (n: the end of the last complete record, or of the file): `columns` tallies whose
  ;; records are at `cols`; at most `capacity` values written out at `out`.
  (func (export "profile") (param $from i32) (param $n i32) (param $cols i32) (param $columns i32) (param $out i32)
    (param $capacity i32) (result i32)
    (local $i i32) (local $k i32) (local $start i32) (local $j i32) (local $c i32) (local $last i32)
    (local $digits i32) (local $dots i32) (local $others i32) (local $wide i32) (local $nul i32)
    (local $plain i32) (local $single i32) (local $eligible i32)
    (global.set $rows (i32.const 0))
    (global.set $written (i32.const 0))
    (local.set $i (local.get $from))
    (block $done
      (loop $records
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.gt_u (i32.add (global.get $written) (i32.add (local.get $columns) (i32.const 1))) (local.get $capacity))
          (then (global.set $resume (local.get $i)) (return (i32.const 1))))
        (local.set $k (i32.const 0))
        (block $recordDone
          (loop $fields
            (local.set $start (local.get $i))
            (local.set $j (local.get $i))
            (if (i32.and (i32.lt_u (local.get $j) (local.get $n)) (i32.eq (i32.load8_u (local.get $j)) (i32.const 0x2d)))
              (then (local.set $j (i32.add (local.get $j) (i32.const 1)))))
            (local.set $digits (i32.const 0))
            (local.set $dots (i32.const 0))
            (local.set $others (i32.const 0))
            (local.set $wide (i32.const 0))
            (local.set $nul (i32.const 0))
            ;; the field's bytes up to its comma or line end
            (block $fieldEnd
              (loop $bytes
                (br_if $fieldEnd (i32.ge_u (local.get $j) (local.get $n)))
                (local.set $c (i32.load8_u (local.get $j)))
                (br_if $fieldEnd (i32.or (i32.eq (local.get $c) (i32.const 0x2c))
                                         (i32.or (i32.eq (local.get $c) (i32.const 0x0a)) (i32.eq (local.get $c) (i32.const 0x0d)))))
                (if (i32.lt_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 10))
                  (then (local.set $digits (i32.add (local.get $digits) (i32.const 1))))
                  (else
                    (if (i32.eq (local.get $c) (i32.const 0x2e))
                      (then (local.set $dots (i32.add (local.get $dots) (i32.const 1))))
                      (else
                        (local.set $others (i32.add (local.get $others) (i32.const 1)))
                        (local.set $wide (i32.or (local.get $wide) (local.get $c)))
                        (local.set $nul (i32.or (local.get $nul) (i32.eqz (local.get $c))))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $bytes)))
            ;; the file's last line may have no line end
            (local.set $last (if (result i32) (i32.lt_u (local.get $j) (local.get $n))
              (then (i32.load8_u (local.get $j))) (else (i32.const 0x0a))))
            (local.set $i (i32.add (local.get $j) (i32.const 1)))
            (local.set $single (i32.const 0))
            (if (i32.ne (local.get $last) (i32.const 0x2c))
              (then
                (if (i32.eq (local.get $last) (i32.const 0x0d))
                  (then
                    (if (i32.or (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $n))
                                (i32.ne (i32.load8_u (i32.add (local.get $j) (i32.const 1))) (i32.const 0x0a)))
                      (then (return (i32.const 2))))
                    (local.set $i (i32.add (local.get $j) (i32.const 2)))))
                (if (i32.eqz (local.get $k))
                  (then
                    ;; an empty line is skipped; the only field of a line goes to the tally (a line of blanks is refused there)
                    (br_if $records (i32.eq (local.get $j) (local.get $start)))
                    (local.set $single (i32.const 8))))))
            (if (i32.lt_u (local.get $k) (local.get $columns))
              (then
                (local.set $eligible (i32.and (i32.eqz (local.get $others))
                                              (i32.le_u (i32.sub (local.get $j) (local.get $start)) (i32.const 300))))
                (local.set $plain (i32.and (local.get $eligible)
                                           (i32.and (i32.gt_u (local.get $digits) (i32.const 0)) (i32.le_u (local.get $dots) (i32.const 1)))))
                ;; (no short-circuit in WebAssembly: the only field of a line is never counted here)
                (if (if (result i32) (local.get $single)
                      (then (i32.const 1))
                      (else (i32.eqz (call $counted (i32.add (local.get $cols) (i32.mul (local.get $k) (i32.const 192)))
                                                    (local.get $start) (local.get $j) (local.get $plain)
                                                    (i32.eqz (i32.and (local.get $wide) (i32.const 0x80))) (local.get $nul)))))
                  (then
                    (call $writeOut (local.get $out) (local.get $k) (local.get $start) (local.get $j)
                      (i32.or (i32.or (local.get $plain) (i32.shl (local.get $eligible) (i32.const 1)))
                              (i32.or (local.get $single)
                                      (select (i32.const 0) (i32.const 16) (i32.and (local.get $wide) (i32.const 0x80))))))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $recordDone (i32.ne (local.get $last) (i32.const 0x2c)))
            (br $fields)))
        (global.set $rows (i32.add (global.get $rows) (i32.const 1)))
        ;; the fields a short record lacks are empty values
        (block $absentDone
          (loop $absent
            (br_if $absentDone (i32.ge_u (local.get $k) (local.get $columns)))
            (call $writeOut (local.get $out) (local.get $k) (local.get $i) (local.get $i) (i32.const 4))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $absent)))
        (br $records)))
    (i32.const 0))
)
