#!/usr/bin/env python3
"""Disassembles HotSpot's hex dump of a compiled method with objdump.

Without the hsdis plugin, -XX:+PrintAssembly (or -XX:CompileCommand=print,Class::method) prints
machine code as rows of hex words. This turns one method's rows back into bytes and runs
`objdump -D -b binary` over them, so the loop C2 compiled can be read anyway (x86-64 only).

    java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,'*Foo::bar' ... > out.txt
    grep -n '^Compiled method' out.txt            # find the nmethod you want: its first line
    bench/tools/hexdis.py out.txt FIRST_LINE LAST_LINE
"""
import re
import subprocess
import sys
import tempfile

ROW = re.compile(r'\s+0x([0-9a-f]+): ([0-9a-f |]+)$')


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    lines = open(sys.argv[1], encoding='utf-8', errors='replace').read().split('\n')
    first, last = int(sys.argv[2]), int(sys.argv[3])
    code, base = bytearray(), None
    for line in lines[first - 1:last]:
        m = ROW.match(line.split(';')[0].rstrip())
        if not m:
            continue
        address = int(m.group(1), 16)
        if base is None:
            base = address
        gap = address - base - len(code)
        if gap < 0 or gap > 4096:
            continue  # a row of another section: keep one contiguous block
        code.extend(b'\x90' * gap)
        code.extend(bytes.fromhex(m.group(2).replace('|', '').replace(' ', '')))
    if base is None:
        sys.exit('no hex rows between lines %d and %d' % (first, last))
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(code)
        f.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-M', 'intel',
                              '--adjust-vma=%#x' % base, f.name], capture_output=True, text=True, check=True)
    print(out.stdout)


if __name__ == '__main__':
    main()
