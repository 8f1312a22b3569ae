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
;; Memory: the bytes at offset 0 (and 16 bytes past them, read but not counted); at `cols`, one 192-byte record per column: mode (i32), the present and missing
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

;; One value [start, end) of column `k`, with the counts of its bytes (digits, dots, bytes with the high bit, NULs),
  ;; whether it starts with a minus, and `single` (8) when it is the only field of its line: counted here when its
  ;; outcome is known, else written out.
  (func $value (param $cols i32) (param $out i32) (param $k i32) (param $start i32) (param $end i32) (param $digits i32)
    (param $dots i32) (param $highs i32) (param $nuls i32) (param $minus i32) (param $single i32)
    (local $length i32) (local $eligible i32) (local $plain i32)
    (local.set $length (i32.sub (local.get $end) (local.get $start)))
    ;; no byte but digits, dots and a leading minus, at most 300 of them
    (local.set $eligible (i32.and (i32.eq (local.get $length) (i32.add (i32.add (local.get $digits) (local.get $dots)) (local.get $minus)))
                                  (i32.le_u (local.get $length) (i32.const 300))))
    (local.set $plain (i32.and (local.get $eligible)
                               (i32.and (i32.gt_u (local.get $digits) (i32.const 0)) (i32.le_u (local.get $dots) (i32.const 1)))))
    (if (i32.eqz (local.get $single))
      (then
        (if (call $counted (i32.add (local.get $cols) (i32.mul (local.get $k) (i32.const 192))) (local.get $start) (local.get $end)
                           (local.get $plain) (i32.eqz (local.get $highs)) (i32.ne (local.get $nuls) (i32.const 0)))
          (then (return)))))
    (call $writeOut (local.get $out) (local.get $k) (local.get $start) (local.get $end)
      (i32.or (i32.or (local.get $plain) (i32.shl (local.get $eligible) (i32.const 1)))
              (i32.or (local.get $single) (select (i32.const 0) (i32.const 16) (local.get $highs))))))

  ;; The fields a short record lacks are empty values, written out.
  (func $absent (param $out i32) (param $k i32) (param $columns i32) (param $at i32)
    (block $done
      (loop $fields
        (br_if $done (i32.ge_u (local.get $k) (local.get $columns)))
        (call $writeOut (local.get $out) (local.get $k) (local.get $at) (local.get $at) (i32.const 4))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $fields))))

  ;; Reads the records of [from, n) (n: the end of the last complete record, or of the file): `columns` tallies whose
  ;; records are at `cols`; at most `capacity` values written out at `out`. Sixteen bytes at a time: bit masks of the
  ;; field ends (comma, LF, CR), digits, dots, high bits and NULs; a field's counts are the bits of its range. The
  ;; memory holds 16 bytes past `n` (read, not counted).
  (func (export "profile") (param $from i32) (param $n i32) (param $cols i32) (param $columns i32) (param $out i32)
    (param $capacity i32) (result i32)
    (local $i i32) (local $k i32) (local $p i32) (local $v v128) (local $ends i32) (local $dig i32) (local $dot i32)
    (local $high i32) (local $nul i32) (local $at i32) (local $bit i32) (local $q i32) (local $range i32) (local $last i32)
    (local $next i32) (local $digits i32) (local $dots i32) (local $highs i32) (local $nuls i32) (local $single i32)
    (local $length i32) (local $column i32) (local $mode i32) (local $rest i32)
    (global.set $rows (i32.const 0))
    (global.set $written (i32.const 0))
    (local.set $i (local.get $from))
    (if (i32.gt_u (i32.add (local.get $columns) (i32.const 1)) (local.get $capacity))
      (then (global.set $resume (local.get $i)) (return (i32.const 1))))
    (local.set $p (i32.and (local.get $from) (i32.const -16)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $ends (i8x16.bitmask (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2c)))
                                                 (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x0a)))
                                                          (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x0d)))))))
        (local.set $dig (i8x16.bitmask (i8x16.lt_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x30))) (i8x16.splat (i32.const 10)))))
        (local.set $dot (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2e)))))
        (local.set $high (i8x16.bitmask (local.get $v)))
        (local.set $nul (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0)))))
        ;; the bytes past n are not read
        (if (i32.lt_u (i32.sub (local.get $n) (local.get $p)) (i32.const 16))
          (then (local.set $ends (i32.and (local.get $ends)
                  (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $n) (local.get $p))) (i32.const 1))))))
        (block $endsDone
          (loop $eachEnd
            (br_if $endsDone (i32.eqz (local.get $ends)))
            (local.set $bit (i32.ctz (local.get $ends)))
            (local.set $ends (i32.and (local.get $ends) (i32.sub (local.get $ends) (i32.const 1))))
            (local.set $q (i32.add (local.get $p) (local.get $bit)))
            ;; the LF of a CRLF, or an end before `from`: read already
            (br_if $eachEnd (i32.lt_u (local.get $q) (local.get $i)))
            ;; the field's bytes in this block: [max(i - p, 0), bit)
            (local.set $range (i32.and (i32.sub (i32.shl (i32.const 1) (local.get $bit)) (i32.const 1))
                                       (i32.shl (i32.const -1) (select (i32.sub (local.get $i) (local.get $p)) (i32.const 0)
                                                                       (i32.gt_u (local.get $i) (local.get $p))))))
            (local.set $digits (i32.add (local.get $digits) (i32.popcnt (i32.and (local.get $dig) (local.get $range)))))
            (local.set $dots (i32.add (local.get $dots) (i32.popcnt (i32.and (local.get $dot) (local.get $range)))))
            (local.set $highs (i32.add (local.get $highs) (i32.popcnt (i32.and (local.get $high) (local.get $range)))))
            (local.set $nuls (i32.add (local.get $nuls) (i32.popcnt (i32.and (local.get $nul) (local.get $range)))))
            (local.set $last (i32.load8_u (local.get $q)))
            (local.set $next (i32.add (local.get $q) (i32.const 1)))
            (local.set $single (i32.const 0))
            (block $field
              (if (i32.ne (local.get $last) (i32.const 0x2c))
                (then
                  (if (i32.eq (local.get $last) (i32.const 0x0d))
                    (then
                      (if (i32.or (i32.ge_u (local.get $next) (local.get $n))
                                  (i32.ne (i32.load8_u (local.get $next)) (i32.const 0x0a)))
                        (then (return (i32.const 2)))) ;; a lone CR
                      (local.set $next (i32.add (local.get $q) (i32.const 2)))))
                  (if (i32.eqz (local.get $k))
                    (then
                      ;; an empty line is skipped; the only field of a line goes to the tally (a line of blanks is refused there)
                      (br_if $field (i32.eq (local.get $q) (local.get $i)))
                      (local.set $single (i32.const 8))))))
              (if (i32.lt_u (local.get $k) (local.get $columns))
                (then
                  (block $valueDone
                    (block $slow
                      ;; the common case in place ($counted's first test): a long value of a capped column
                      (br_if $slow (i32.or (local.get $single) (i32.le_u (local.tee $length (i32.sub (local.get $q) (local.get $i))) (i32.const 4))))
                      (local.set $column (i32.add (local.get $cols) (i32.mul (local.get $k) (i32.const 192))))
                      (local.set $mode (i32.load (local.get $column)))
                      (block $present
                        (br_if $present (i32.and (i32.eq (local.get $mode) (i32.const 2)) (i32.eqz (local.get $highs))))
                        (br_if $slow (i32.ne (local.get $mode) (i32.const 1)))
                        (br_if $slow (i32.or (i32.eqz (local.get $digits))
                                             (i32.or (i32.gt_u (local.get $dots) (i32.const 1)) (i32.gt_u (local.get $length) (i32.const 300)))))
                        (local.set $rest (i32.sub (local.get $length) (i32.add (local.get $digits) (local.get $dots))))
                        (br_if $present (i32.eqz (local.get $rest)))
                        (br_if $slow (i32.or (i32.ne (local.get $rest) (i32.const 1)) (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x2d)))))
                      (i32.store offset=4 (local.get $column) (i32.add (i32.load offset=4 (local.get $column)) (i32.const 1)))
                      (br $valueDone))
                    (call $value (local.get $cols) (local.get $out) (local.get $k) (local.get $i) (local.get $q)
                      (local.get $digits) (local.get $dots) (local.get $highs) (local.get $nuls)
                      (i32.and (i32.gt_u (local.get $q) (local.get $i)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2d)))
                      (local.get $single)))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (if (i32.ne (local.get $last) (i32.const 0x2c))
                (then
                  (global.set $rows (i32.add (global.get $rows) (i32.const 1)))
                  (if (i32.lt_u (local.get $k) (local.get $columns))
                    (then (call $absent (local.get $out) (local.get $k) (local.get $columns) (local.get $next))))
                  (local.set $k (i32.const 0))
                  (if (i32.gt_u (i32.add (global.get $written) (i32.add (local.get $columns) (i32.const 1))) (local.get $capacity))
                    (then (global.set $resume (local.get $next)) (return (i32.const 1)))))))
            (local.set $i (local.get $next))
            (local.set $digits (i32.const 0))
            (local.set $dots (i32.const 0))
            (local.set $highs (i32.const 0))
            (local.set $nuls (i32.const 0))
            (br $eachEnd)))
        ;; the open field's bytes in the rest of this block (none past n: no end is found there, the file's last
        ;; field is cut at n below)
        (if (i32.lt_u (local.get $i) (i32.add (local.get $p) (i32.const 16)))
          (then
            (local.set $range (i32.shl (i32.const -1) (select (i32.sub (local.get $i) (local.get $p)) (i32.const 0)
                                                             (i32.gt_u (local.get $i) (local.get $p)))))
            (if (i32.lt_u (i32.sub (local.get $n) (local.get $p)) (i32.const 16))
              (then (local.set $range (i32.and (local.get $range)
                      (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $n) (local.get $p))) (i32.const 1))))))
            (local.set $digits (i32.add (local.get $digits) (i32.popcnt (i32.and (local.get $dig) (local.get $range)))))
            (local.set $dots (i32.add (local.get $dots) (i32.popcnt (i32.and (local.get $dot) (local.get $range)))))
            (local.set $highs (i32.add (local.get $highs) (i32.popcnt (i32.and (local.get $high) (local.get $range)))))
            (local.set $nuls (i32.add (local.get $nuls) (i32.popcnt (i32.and (local.get $nul) (local.get $range)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    ;; the file's last line, without a line end: its last field ends at n (after a comma, an empty one)
    (if (i32.or (i32.lt_u (local.get $i) (local.get $n)) (i32.gt_u (local.get $k) (i32.const 0)))
      (then
        (if (i32.eqz (local.get $k)) (then (local.set $single (i32.const 8))))
        (if (i32.lt_u (local.get $k) (local.get $columns))
          (then (call $value (local.get $cols) (local.get $out) (local.get $k) (local.get $i) (local.get $n)
                  (local.get $digits) (local.get $dots) (local.get $highs) (local.get $nuls)
                  (i32.and (i32.gt_u (local.get $n) (local.get $i)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2d)))
                  (local.get $single))))
        (global.set $rows (i32.add (global.get $rows) (i32.const 1)))
        (call $absent (local.get $out) (i32.add (local.get $k) (i32.const 1)) (local.get $columns) (local.get $n))))
    (i32.const 0))
)
