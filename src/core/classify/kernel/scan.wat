;; The byte scanner: one pass over a file's UTF-8 bytes that does what the keyword automaton and the PII
;; prefilter do on decoded text, several times faster (see byteScanner.ts, which builds the tables, and
;; test/unit/classify/byteScanner.test.ts, which checks it against them).
;;
;; Assembled by `npm run kernel` (src/tools/generateScanKernel.ts) into scanKernel.ts; a unit test fails when
;; that file is stale.
;;
;; Memory is laid out by the caller:
;;   cls:  256 u16, for each byte its column's byte offset in a row (byte class × 4)
;;   tab:  the transition table, one row of i32 per state: the next state's row address, bitwise-negated when
;;         that state reports keywords (so one load and one sign test per byte)
;;   the input bytes, then the hit and candidate buffers.
(module
  (memory (export "memory") 1)

  ;; Set by `scan`: how many number candidates were written (-1: more than their buffer holds).
  (global $candidates (export "candidates") (mut i32) (i32.const 0))
  ;; Set by `scan`: the OR of every input byte (bit 7 set: the input is not all ASCII).
  (global $bits (export "bits") (mut i32) (i32.const 0))
  ;; Set by `sniff`: how many NUL bytes it saw.
  (global $nuls (export "nuls") (mut i32) (i32.const 0))

  ;; scan(tab, cls, p, len, hits, cap, cands, ccap) -> the number of hits written, or -1 when more than `cap`.
  ;; A hit is two i32: the reporting state's row address and the UTF-16 offset just after the hit's last byte.
  ;; A number candidate is one i32: the UTF-16 offset just after the sixth digit of a chain of digits whose
  ;; neighbours are at most two of ` .()+-` apart (the count restarts after each one), or after two capitals
  ;; and two digits (an IBAN's start). UTF-16 offsets assume valid UTF-8: the caller checks.
  (func (export "scan") (param $tab i32) (param $cls i32) (param $p i32) (param $len i32)
                        (param $hits i32) (param $cap i32) (param $cands i32) (param $ccap i32) (result i32)
    (local $start i32) (local $end i32) (local $row i32) (local $v i32) (local $b i32) (local $u i32)
    (local $n i32) (local $nc i32) (local $last i32) (local $run i32) (local $gap i32) (local $q i32) (local $or i32)
    (local.set $start (local.get $p))
    (local.set $end (i32.add (local.get $p) (local.get $len)))
    (local.set $row (local.get $tab))
    (local.set $last (i32.sub (local.get $p) (i32.const 16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $p)))
        (local.set $or (i32.or (local.get $or) (local.get $b)))
        ;; UTF-16 units so far: one per byte that is not a continuation byte, two for a 4-byte sequence.
        (local.set $u (i32.add (local.get $u)
          (i32.add (i32.ne (i32.and (local.get $b) (i32.const 0xC0)) (i32.const 0x80))
                   (i32.ge_u (local.get $b) (i32.const 0xF0)))))
        (local.set $v (i32.load (i32.add (local.get $row)
          (i32.load16_u (i32.add (local.get $cls) (i32.shl (local.get $b) (i32.const 1)))))))
        ;; Digits: the number prefilter (off the automaton's dependency chain).
        (if (i32.lt_u (i32.sub (local.get $b) (i32.const 48)) (i32.const 10))
          (then
            (local.set $gap (i32.sub (i32.sub (local.get $p) (local.get $last)) (i32.const 1)))
            (if (i32.eqz (local.get $gap))
              (then
                (local.set $run (i32.add (local.get $run) (i32.const 1)))
                (if (i32.ge_u (i32.sub (local.get $p) (local.get $start)) (i32.const 3))
                  (then
                    (if (i32.and
                          (i32.lt_u (i32.sub (i32.load8_u (i32.sub (local.get $p) (i32.const 2))) (i32.const 65)) (i32.const 26))
                          (i32.lt_u (i32.sub (i32.load8_u (i32.sub (local.get $p) (i32.const 3))) (i32.const 65)) (i32.const 26)))
                      (then (local.set $nc (call $candidate (local.get $cands) (local.get $nc) (local.get $ccap) (local.get $u))))))))
              (else
                (if (i32.and (i32.le_u (local.get $gap) (i32.const 2))
                      (i32.and (call $separator (i32.load8_u (i32.sub (local.get $p) (i32.const 1))))
                               (i32.or (i32.eq (local.get $gap) (i32.const 1))
                                       (call $separator (i32.load8_u (i32.sub (local.get $p) (i32.const 2)))))))
                  (then (local.set $run (i32.add (local.get $run) (i32.const 1))))
                  (else (local.set $run (i32.const 1))))))
            (local.set $last (local.get $p))
            (if (i32.eq (local.get $run) (i32.const 6))
              (then
                (local.set $nc (call $candidate (local.get $cands) (local.get $nc) (local.get $ccap) (local.get $u)))
                (local.set $run (i32.const 0))))))
        ;; The automaton step.
        (if (i32.lt_s (local.get $v) (i32.const 0))
          (then
            (local.set $row (i32.xor (local.get $v) (i32.const -1)))
            (if (i32.ge_u (local.get $n) (local.get $cap))
              (then (global.set $bits (local.get $or)) (return (i32.const -1))))
            (local.set $q (i32.add (local.get $hits) (i32.shl (local.get $n) (i32.const 3))))
            (i32.store (local.get $q) (local.get $row))
            (i32.store offset=4 (local.get $q) (local.get $u))
            (local.set $n (i32.add (local.get $n) (i32.const 1))))
          (else (local.set $row (local.get $v))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (global.set $candidates (local.get $nc))
    (global.set $bits (local.get $or))
    (local.get $n))

  ;; Writes one candidate; returns the new count, or -1 (sticky) when the buffer is full.
  (func $candidate (param $cands i32) (param $nc i32) (param $ccap i32) (param $u i32) (result i32)
    (if (i32.lt_s (local.get $nc) (i32.const 0)) (then (return (i32.const -1))))
    (if (i32.ge_u (local.get $nc) (local.get $ccap)) (then (return (i32.const -1))))
    (i32.store (i32.add (local.get $cands) (i32.shl (local.get $nc) (i32.const 2))) (local.get $u))
    (i32.add (local.get $nc) (i32.const 1)))

  ;; ` .()+-`: what may stand between the digits of a number.
  (func $separator (param $c i32) (result i32)
    (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 46)))
      (i32.or (i32.or (i32.eq (local.get $c) (i32.const 40)) (i32.eq (local.get $c) (i32.const 41)))
              (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45))))))

  ;; sniff(p, n) -> how many control bytes (below 0x20 except tab, line feed, vertical tab, form feed, carriage
  ;; return and escape) the first n bytes hold; their NUL bytes are counted in `nuls`.
  (func (export "sniff") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $b i32) (local $control i32) (local $nul i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
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
