;; The byte scanner: passes over a file's UTF-8 bytes that do what the keyword automaton and the PII number
;; prefilter do on decoded text, several times faster (byteScanner.ts builds the tables and reads the results;
;; test/unit/classify/byteScanner.test.ts checks them against the text path).
;;
;; Assembled by `npm run kernel` (src/tools/generateScanKernel.ts) into scanKernel.ts; a unit test fails when
;; that file is stale.
;;
;; Speed: an automaton step is one table load whose address depends on the previous load, so one chain of
;; steps waits on memory at every byte. `scan` runs four chains at once, over the four quarters of the input
;; (each after the first starts `warm` bytes early, reporting nothing there, so it is in the right state at its
;; quarter), and keeps everything else off the chains: a step only checks whether it reached a reporting state.
;; The number candidates are `numbers`' own pass, sixteen bytes at a time. Offsets are byte offsets; `units`
;; turns them into UTF-16 offsets afterwards, for the files that are not ASCII.
;;
;; Memory is laid out by the caller:
;;   cls (0):     256 u16, for each byte its column's byte offset in a row (byte class × 4)
;;   chain A-D:   a state block each (below)
;;   tab:         the transition table, one row of i32 per state, each entry the next state's row address;
;;                the states that report keywords have the rows from `outRow` on
;;   the input bytes, then the hit buffer of each chain and the candidate buffer.
;; A chain's state block (i32 fields): 0 hits address, 4 hits capacity, 8 hits written, 12 the input's first
;; address.
(module
  (memory (export "memory") 1)

  ;; Where `units` stopped: the address and the UTF-16 units before it (a call with `resume` continues there).
  (global $unitsAt (mut i32) (i32.const 0))
  (global $unitsSoFar (mut i32) (i32.const 0))
  ;; Set by `sniff`: how many NUL bytes it saw.
  (global $nuls (export "nuls") (mut i32) (i32.const 0))

  ;; scan(root, outRow, a, b, c, d, p, len, warm): runs four chains, A, B, C and D, over the four quarters of
  ;; [p, p + len) (D's quarter takes the 0-3 bytes left over), B, C and D first stepping through the `warm` bytes
  ;; before their quarters (no reports). Returns 0, or -1 when a hit buffer is full. A hit is two i32: the
  ;; reporting state's row address and the offset (from p) just after the hit's last byte.
  (func (export "scan") (param $root i32) (param $outRow i32)
                        (param $a i32) (param $sb i32) (param $sc i32) (param $sd i32)
                        (param $p i32) (param $len i32) (param $warm i32) (result i32)
    (local $q i32) (local $pa i32) (local $pb i32) (local $pc i32) (local $pd i32) (local $stop i32) (local $end i32)
    (local $rowa i32) (local $rowb i32) (local $rowc i32) (local $rowd i32)
    (local.set $q (i32.shr_u (local.get $len) (i32.const 2)))
    (local.set $end (i32.add (local.get $p) (local.get $len)))
    (local.set $pa (local.get $p))
    (local.set $pb (i32.add (local.get $pa) (local.get $q)))
    (local.set $pc (i32.add (local.get $pb) (local.get $q)))
    (local.set $pd (i32.add (local.get $pc) (local.get $q)))
    (local.set $stop (local.get $pb))
    (local.set $rowa (local.get $root))
    (local.set $rowb (call $warmUp (local.get $root) (local.get $p) (local.get $pb) (local.get $warm)))
    (local.set $rowc (call $warmUp (local.get $root) (local.get $p) (local.get $pc) (local.get $warm)))
    (local.set $rowd (call $warmUp (local.get $root) (local.get $p) (local.get $pd) (local.get $warm)))
    (block $overflow
      ;; The four chains, one byte each per turn, for the length of a quarter.
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $pa) (local.get $stop)))
          (local.set $rowa (i32.load (i32.add (local.get $rowa)
            (i32.load16_u (i32.shl (i32.load8_u (local.get $pa)) (i32.const 1))))))
          (local.set $rowb (i32.load (i32.add (local.get $rowb)
            (i32.load16_u (i32.shl (i32.load8_u (local.get $pb)) (i32.const 1))))))
          (local.set $rowc (i32.load (i32.add (local.get $rowc)
            (i32.load16_u (i32.shl (i32.load8_u (local.get $pc)) (i32.const 1))))))
          (local.set $rowd (i32.load (i32.add (local.get $rowd)
            (i32.load16_u (i32.shl (i32.load8_u (local.get $pd)) (i32.const 1))))))
          (if (i32.ge_u (local.get $rowa) (local.get $outRow))
            (then (br_if $overflow (call $hit (local.get $a) (local.get $rowa) (local.get $pa)))))
          (if (i32.ge_u (local.get $rowb) (local.get $outRow))
            (then (br_if $overflow (call $hit (local.get $sb) (local.get $rowb) (local.get $pb)))))
          (if (i32.ge_u (local.get $rowc) (local.get $outRow))
            (then (br_if $overflow (call $hit (local.get $sc) (local.get $rowc) (local.get $pc)))))
          (if (i32.ge_u (local.get $rowd) (local.get $outRow))
            (then (br_if $overflow (call $hit (local.get $sd) (local.get $rowd) (local.get $pd)))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 1)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 1)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (local.set $pd (i32.add (local.get $pd) (i32.const 1)))
          (br $next)))
      ;; The bytes left over (a length that is not a multiple of four) go to chain D.
      (block $tailed
        (loop $tail
          (br_if $tailed (i32.ge_u (local.get $pd) (local.get $end)))
          (local.set $rowd (i32.load (i32.add (local.get $rowd)
            (i32.load16_u (i32.shl (i32.load8_u (local.get $pd)) (i32.const 1))))))
          (if (i32.ge_u (local.get $rowd) (local.get $outRow))
            (then (br_if $overflow (call $hit (local.get $sd) (local.get $rowd) (local.get $pd)))))
          (local.set $pd (i32.add (local.get $pd) (i32.const 1)))
          (br $tail)))
      (return (i32.const 0)))
    (i32.const -1))

  ;; The state a chain starting at `at` is in: the automaton stepped from the start state through the `warm`
  ;; bytes before `at` (not before p), without reports.
  (func $warmUp (param $row i32) (param $p i32) (param $at i32) (param $warm i32) (result i32)
    (local $q i32)
    (local.set $q (i32.sub (local.get $at) (local.get $warm)))
    (if (i32.lt_s (local.get $q) (local.get $p)) (then (local.set $q (local.get $p))))
    (block $warmed
      (loop $warming
        (br_if $warmed (i32.ge_u (local.get $q) (local.get $at)))
        (local.set $row (i32.load (i32.add (local.get $row)
          (i32.load16_u (i32.shl (i32.load8_u (local.get $q)) (i32.const 1))))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $warming)))
    (local.get $row))

  ;; Records a hit (its last byte at $at) for the chain whose state block is at $s; returns 1 when its buffer is full.
  (func $hit (param $s i32) (param $row i32) (param $at i32) (result i32)
    (local $n i32) (local $q i32)
    (local.set $n (i32.load offset=8 (local.get $s)))
    (if (i32.ge_u (local.get $n) (i32.load offset=4 (local.get $s))) (then (return (i32.const 1))))
    (local.set $q (i32.add (i32.load (local.get $s)) (i32.shl (local.get $n) (i32.const 3))))
    (i32.store (local.get $q) (local.get $row))
    (i32.store offset=4 (local.get $q) (i32.sub (i32.add (local.get $at) (i32.const 1)) (i32.load offset=12 (local.get $s))))
    (i32.store offset=8 (local.get $s) (i32.add (local.get $n) (i32.const 1)))
    (i32.const 0))

  ;; numbers(p, len, out, cap): writes the number candidates of [p, p + len) at `out` and returns how many there
  ;; are, or -1 when there are more than `cap`. A candidate is one i32: the offset (from p) just after a digit that
  ;; ends a chain of at least six digits whose neighbours are at most two of ` .()+-` apart, or just after two
  ;; capitals and two digits (an IBAN's start; a digit that is both is recorded twice, as the text path does).
  ;; Sixteen bytes at a time: a block without digits costs a few vector operations, and the digits of the others
  ;; are visited by their bits; the chain (the last digit's address, the digits in the chain) stays in locals.
  (func (export "numbers") (param $p i32) (param $len i32) (param $out i32) (param $cap i32) (result i32)
    (local $q i32) (local $end i32) (local $mask i32) (local $i i32) (local $d i32)
    (local $last i32) (local $run i32) (local $gap i32) (local $n i32)
    (local.set $end (i32.add (local.get $p) (local.get $len)))
    (local.set $last (i32.sub (local.get $p) (i32.const 64))) ;; no digit before the input
    (local.set $q (local.get $p))
    (block $full
      (block $done
        (loop $block
          (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
          (if (i32.le_u (i32.add (local.get $q) (i32.const 16)) (local.get $end))
            (then
              (local.set $mask (i8x16.bitmask (i8x16.lt_u
                (i8x16.sub (v128.load (local.get $q)) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48))
                (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))))
            (else
              ;; The last bytes: the same mask, a byte at a time.
              (local.set $mask (i32.const 0))
              (local.set $i (i32.sub (local.get $end) (local.get $q)))
              (block $bytes
                (loop $byte
                  (br_if $bytes (i32.eqz (local.get $i)))
                  (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                  (local.set $mask (i32.or (local.get $mask)
                    (i32.shl (i32.lt_u (i32.sub (i32.load8_u (i32.add (local.get $q) (local.get $i))) (i32.const 48)) (i32.const 10))
                             (local.get $i))))
                  (br $byte)))))
          (block $digits
            (loop $digit
              (br_if $digits (i32.eqz (local.get $mask)))
              (local.set $d (i32.add (local.get $q) (i32.ctz (local.get $mask))))
              (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
              (local.set $gap (i32.sub (i32.sub (local.get $d) (local.get $last)) (i32.const 1)))
              (if (i32.eqz (local.get $gap))
                (then
                  (local.set $run (i32.add (local.get $run) (i32.const 1)))
                  ;; Two capitals, then this digit and the one before: an IBAN's start.
                  (if (i32.ge_u (i32.sub (local.get $d) (local.get $p)) (i32.const 3))
                    (then
                      (if (i32.and
                            (i32.lt_u (i32.sub (i32.load8_u (i32.sub (local.get $d) (i32.const 2))) (i32.const 65)) (i32.const 26))
                            (i32.lt_u (i32.sub (i32.load8_u (i32.sub (local.get $d) (i32.const 3))) (i32.const 65)) (i32.const 26)))
                        (then
                          (br_if $full (i32.ge_u (local.get $n) (local.get $cap)))
                          (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2)))
                            (i32.sub (i32.add (local.get $d) (i32.const 1)) (local.get $p)))
                          (local.set $n (i32.add (local.get $n) (i32.const 1))))))))
                (else
                  (if (i32.and (i32.le_u (local.get $gap) (i32.const 2))
                        (i32.and (call $separator (i32.load8_u (i32.sub (local.get $d) (i32.const 1))))
                                 (i32.or (i32.eq (local.get $gap) (i32.const 1))
                                         (call $separator (i32.load8_u (i32.sub (local.get $d) (i32.const 2)))))))
                    (then (local.set $run (i32.add (local.get $run) (i32.const 1))))
                    (else (local.set $run (i32.const 1))))))
              (local.set $last (local.get $d))
              (if (i32.ge_u (local.get $run) (i32.const 6))
                (then
                  (br_if $full (i32.ge_u (local.get $n) (local.get $cap)))
                  (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2)))
                    (i32.sub (i32.add (local.get $d) (i32.const 1)) (local.get $p)))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))))
              (br $digit)))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br $block)))
      (return (local.get $n)))
    (i32.const -1))

  ;; ` .()+-`: what may stand between the digits of a number.
  (func $separator (param $c i32) (result i32)
    (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 46)))
      (i32.or (i32.or (i32.eq (local.get $c) (i32.const 40)) (i32.eq (local.get $c) (i32.const 41)))
              (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45))))))

  ;; units(p, at, n, stride, resume): turns the n byte offsets (from p, ascending) at `at`, `stride` bytes
  ;; apart, into UTF-16 offsets of the same text, in place: one unit per byte that is not a continuation byte,
  ;; two for a 4-byte sequence (exact for valid UTF-8: the caller checks). Eight bytes at a time. With `resume`,
  ;; it counts on from where the last call stopped (its offsets must not come before that call's).
  (func (export "units") (param $p i32) (param $at i32) (param $n i32) (param $stride i32) (param $resume i32)
    (local $q i32) (local $u i32) (local $target i32) (local $x i64) (local $b i32) (local $end i32)
    (local.set $q (local.get $p))
    (if (local.get $resume)
      (then (local.set $q (global.get $unitsAt)) (local.set $u (global.get $unitsSoFar))))
    (local.set $end (i32.add (local.get $at) (i32.mul (local.get $n) (local.get $stride))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $target (i32.add (local.get $p) (i32.load (local.get $at))))
        (block $words
          (loop $word
            (br_if $words (i32.gt_u (i32.add (local.get $q) (i32.const 8)) (local.get $target)))
            (local.set $x (i64.load (local.get $q)))
            (local.set $u (i32.add (local.get $u)
              (i32.wrap_i64 (i64.add (i64.sub (i64.const 8)
                  (i64.popcnt (i64.and (i64.and (local.get $x) (i64.xor (i64.shl (local.get $x) (i64.const 1)) (i64.const -1)))
                                       (i64.const 0x8080808080808080))))
                (i64.popcnt (i64.and (i64.and (i64.and (local.get $x) (i64.shl (local.get $x) (i64.const 1)))
                                              (i64.and (i64.shl (local.get $x) (i64.const 2)) (i64.shl (local.get $x) (i64.const 3))))
                                     (i64.const 0x8080808080808080)))))))
            (local.set $q (i32.add (local.get $q) (i32.const 8)))
            (br $word)))
        (block $bytes
          (loop $byte
            (br_if $bytes (i32.ge_u (local.get $q) (local.get $target)))
            (local.set $b (i32.load8_u (local.get $q)))
            (local.set $u (i32.add (local.get $u)
              (i32.add (i32.ne (i32.and (local.get $b) (i32.const 0xC0)) (i32.const 0x80))
                       (i32.ge_u (local.get $b) (i32.const 0xF0)))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $byte)))
        (i32.store (local.get $at) (local.get $u))
        (local.set $at (i32.add (local.get $at) (local.get $stride)))
        (br $next)))
    (global.set $unitsAt (local.get $q))
    (global.set $unitsSoFar (local.get $u)))

  ;; sniff(p, n) -> how many control bytes (below 0x20 except tab, line feed, vertical tab, form feed, carriage
  ;; return and escape) the first n bytes hold; their NUL bytes are counted in `nuls`. Eight bytes at a time
  ;; while none of them is below 0x20.
  (func (export "sniff") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $b i32) (local $control i32) (local $nul i32) (local $x i64)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (if (i32.le_u (i32.add (local.get $p) (i32.const 8)) (local.get $end))
          (then
            (local.set $x (i64.load (local.get $p)))
            ;; No byte below 0x20 (and none with bit 7, which the test cannot tell apart): skip all eight.
            (if (i64.eqz (i64.and (i64.or (i64.sub (local.get $x) (i64.const 0x2020202020202020)) (local.get $x))
                                  (i64.const 0x8080808080808080)))
              (then (local.set $p (i32.add (local.get $p) (i32.const 8))) (br $next)))))
        (local.set $b (i32.load8_u (local.get $p)))
        (if (i32.lt_u (local.get $b) (i32.const 32))
          (then
            (if (i32.eqz (local.get $b))
              (then (local.set $nul (i32.add (local.get $nul) (i32.const 1))))
              (else
                ;; 9-13 and 27 are allowed: bit mask 0x08003E00
                (if (i32.eqz (i32.and (i32.shr_u (i32.const 0x08003E00) (local.get $b)) (i32.const 1)))
                  (then (local.set $control (i32.add (local.get $control) (i32.const 1)))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (global.set $nuls (local.get $nul))
    (local.get $control))
)
