# Independent derivation of Lanes' Rng outputs (xoshiro256** seeded by SplitMix64).
import math
M=(1<<64)-1
def smix(x):
    z=x
    z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M
    z=((z^(z>>27))*0x94D049BB133111EB)&M
    return z^(z>>31)
class R:
    def __init__(s,seed):
        x=seed&M; st=[]
        for _ in range(4):
            x=(x+0x9E3779B97F4A7C15)&M; st.append(smix(x))
        s.s=st
    def nl(s):
        s0,s1,s2,s3=s.s
        rotl=lambda v,k: ((v<<k)|(v>>(64-k)))&M
        r=(rotl((s1*5)&M,7)*9)&M
        t=(s1<<17)&M
        s2^=s0; s3^=s1; s1^=s2; s0^=s3; s2^=t; s3=rotl(s3,45)
        s.s=[s0,s1,s2,s3]; return r
    def nf(s): return (s.nl()>>40)/2**24
    def nd(s): return (s.nl()>>11)/2**53
    def ni(s,b):
        th=(1<<32)%b
        while True:
            m=(s.nl()>>32)*b
            if (m&0xffffffff)>=th: return m>>32
    def ng(s):
        u1=1.0-s.nd(); u2=s.nd()
        return math.sqrt(-2.0*math.log(u1))*math.cos(2.0*math.pi*u2)
def signed(v): return v-(1<<64) if v>=1<<63 else v
r=R(42); print("longs seed 42:", [hex(r.nl()) for _ in range(4)])
r=R(0); print("longs seed 0:", [hex(r.nl()) for _ in range(3)])
r=R(-1); print("longs seed -1:", [hex(r.nl()) for _ in range(3)])
r=R(7); print("floats seed 7:", [float(r.nf()).hex() for _ in range(4)])
r=R(7); print("doubles seed 7:", [r.nd().hex() for _ in range(3)])
r=R(7); print("ints(10) seed 7:", [r.ni(10) for _ in range(10)])
r=R(7); print("ints(3) seed 7:", [r.ni(3) for _ in range(10)])
r=R(11); print("gauss seed 11:", [r.ng().hex() for _ in range(5)])
r=R(5); a=list(range(10))
for i in range(9,0,-1):
    j=r.ni(i+1); a[i],a[j]=a[j],a[i]
print("shuffle 10 seed 5:", a)
