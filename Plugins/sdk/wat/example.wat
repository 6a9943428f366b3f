;; The smallest complete plugin: a score plugin that always gives half marks.
;; It exports memory (with a declared maximum), alloc and evaluate, and imports nothing.
(module
  (memory (export "memory") 1 4)
  (global $next (mut i32) (i32.const 1024))
  ;; alloc(len) -> ptr: a bump allocator that grows memory when the input does not fit
  (func (export "alloc") (param $len i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $next))
    (global.set $next (i32.add (local.get $ptr) (local.get $len)))
    (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq (memory.grow (i32.add (i32.shr_u (local.get $len) (i32.const 16)) (i32.const 1)))
                    (i32.const -1))
          (then (return (i32.const 0))))))
    (local.get $ptr))
  ;; the output JSON, 53 bytes at address 16
  (data (i32.const 16) "{\"fraction\":\"0.5\",\"explanation\":\"half marks, always\"}")
  ;; evaluate(ptr, len) -> (out_ptr << 32) | out_len
  (func (export "evaluate") (param $ptr i32) (param $len i32) (result i64)
    (i64.or (i64.shl (i64.const 16) (i64.const 32)) (i64.const 53))))
