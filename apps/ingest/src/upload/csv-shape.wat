;; The shape scan of bytes with no quote (CsvShapeScanner.scanUnquoted, csv-shape-scanner.ts), sixteen bytes at a
;; time: a comparison of sixteen bytes with LF and with a comma gives two bit masks; a block with no LF only adds
;; its commas (a popcount), and each LF of a block ends a line with the commas before it. A line's width is checked
;; against the header's as the JavaScript scanner checks it; the first refused line stops the scan.
;;
;; The bytes are at offset 0 of the memory. Between calls the scan's state is in the globals: `fields` of the open
;; line, `expected` (the header's width once a record was read), `records`; after a call, `lines` (the LFs read) and
;; `lineStart` (the offset after the last LF read, 0 without one). `scan_unquoted` answers 1, or 0 at a line whose
;; width is refused (the globals then describe that line: its `fields`, the `expected` width, the `lines` before it).
;;
;; Built into csv-shape.wasm.ts by `npm run gen:wasm`; csv-shape.wasm.spec.ts holds the two alike.
(module
  (memory (export "memory") 1)
  (global $fields (export "fields") (mut i32) (i32.const 1))
  (global $expected (export "expected") (mut i32) (i32.const 0))
  (global $records (export "records") (mut i32) (i32.const 0))
  (global $lines (export "lines") (mut i32) (i32.const 0))
  (global $lineStart (export "lineStart") (mut i32) (i32.const 0))

  ;; Whether the bytes [from, to) are all CRs (or none).
  (func $onlyCR (param $from i32) (param $to i32) (result i32)
    (loop $bytes
      (if (i32.ge_u (local.get $from) (local.get $to)) (then (return (i32.const 1))))
      (if (i32.ne (i32.load8_u (local.get $from)) (i32.const 13)) (then (return (i32.const 0))))
      (local.set $from (i32.add (local.get $from) (i32.const 1)))
      (br $bytes))
    (i32.const 1))

  ;; The line ends at the LF at `pos`; `empty`: nothing but CRs came before this chunk's part of it. A line with
  ;; fields (more than one, or any byte but CR) is a record as wide as the header; 0 when it is not.
  (func $lineEnd (param $pos i32) (param $empty i32) (result i32)
    (local $want i32)
    (if (i32.or (i32.gt_u (global.get $fields) (i32.const 1))
                (i32.eqz (i32.and (local.get $empty) (call $onlyCR (global.get $lineStart) (local.get $pos)))))
      (then
        (local.set $want (select (global.get $fields) (global.get $expected) (i32.eqz (global.get $records))))
        (if (i32.ne (global.get $fields) (local.get $want)) (then (return (i32.const 0))))
        (global.set $expected (local.get $want))
        (global.set $records (i32.add (global.get $records) (i32.const 1)))))
    (global.set $fields (i32.const 1))
    (global.set $lines (i32.add (global.get $lines) (i32.const 1)))
    (global.set $lineStart (i32.add (local.get $pos) (i32.const 1)))
    (i32.const 1))

  ;; Scans the `n` bytes at offset 0; `empty`: the line open before them holds nothing but CRs so far.
  (func (export "scan_unquoted") (param $n i32) (param $empty i32) (result i32)
    (local $at i32) (local $blocksEnd i32) (local $block v128) (local $lfs i32) (local $commas i32) (local $bit i32) (local $byte i32)
    (global.set $lines (i32.const 0))
    (global.set $lineStart (i32.const 0))
    (local.set $blocksEnd (i32.and (local.get $n) (i32.const -16)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $at) (local.get $blocksEnd)))
        (local.set $block (v128.load (local.get $at)))
        (local.set $lfs (i8x16.bitmask (i8x16.eq (local.get $block) (i8x16.splat (i32.const 10)))))
        (local.set $commas (i8x16.bitmask (i8x16.eq (local.get $block) (i8x16.splat (i32.const 44)))))
        (block $lfsDone
          (loop $eachLf
            (br_if $lfsDone (i32.eqz (local.get $lfs)))
            (local.set $bit (i32.ctz (local.get $lfs)))
            ;; the commas before this LF join its line; those after it stay for the next
            (global.set $fields (i32.add (global.get $fields)
              (i32.popcnt (i32.and (local.get $commas) (i32.sub (i32.shl (i32.const 1) (local.get $bit)) (i32.const 1))))))
            (local.set $commas (i32.and (local.get $commas) (i32.shl (i32.const -2) (local.get $bit))))
            (if (i32.eqz (call $lineEnd (i32.add (local.get $at) (local.get $bit)) (local.get $empty)))
              (then (return (i32.const 0))))
            (local.set $empty (i32.const 1))
            (local.set $lfs (i32.and (local.get $lfs) (i32.sub (local.get $lfs) (i32.const 1))))
            (br $eachLf)))
        (global.set $fields (i32.add (global.get $fields) (i32.popcnt (local.get $commas))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $blocks)))
    ;; the last bytes, fewer than sixteen, one at a time
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $at) (local.get $n)))
        (local.set $byte (i32.load8_u (local.get $at)))
        (if (i32.eq (local.get $byte) (i32.const 44))
          (then (global.set $fields (i32.add (global.get $fields) (i32.const 1)))))
        (if (i32.eq (local.get $byte) (i32.const 10))
          (then
            (if (i32.eqz (call $lineEnd (local.get $at) (local.get $empty))) (then (return (i32.const 0))))
            (local.set $empty (i32.const 1))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $tail)))
    (i32.const 1))
)
