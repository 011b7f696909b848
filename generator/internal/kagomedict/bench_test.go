package kagomedict

import (
	"testing"
	"time"

	"github.com/ikawaha/kagome-dict/dict"
)

// BenchmarkDictLoad loads the IPA dictionary afresh in each iteration, with
// kagome-dict's loader (as ipa.Dict and ipa.DictShrink do), with Load
// (fast), with LoadCached into an empty cache folder (first: Load and
// writing the cache file) and from a cache file written before the timing
// starts (cached):
//
//	go test ./generator/internal/kagomedict -run '^$' -bench DictLoad -benchmem
//
// Besides the wall time, cpu-ms/op is the process's CPU time (user and
// system, all threads) per load: on a shared machine, the steadier figure.
func BenchmarkDictLoad(b *testing.B) {
	for _, full := range []bool{false, true} {
		name := "/shrink"
		if full {
			name = "/full"
		}
		b.Run("kagome"+name, func(b *testing.B) {
			zr := ipaZip(b)
			measure(b, func() error { _, err := dict.Load(zr, full); return err })
		})
		b.Run("fast"+name, func(b *testing.B) {
			measure(b, func() error { _, err := LoadIPA(full); return err })
		})
		b.Run("first"+name, func(b *testing.B) {
			measure(b, func() error {
				_, st, err := LoadIPACached(b.TempDir(), full)
				if err == nil && !st.Wrote {
					b.Fatalf("no cache written: %+v", st)
				}
				return err
			})
		})
		b.Run("cached"+name, func(b *testing.B) {
			dir := b.TempDir()
			if _, _, err := LoadIPACached(dir, true); err != nil {
				b.Fatal(err)
			}
			measure(b, func() error {
				_, st, err := LoadIPACached(dir, full)
				if err == nil && st.Inflated > 0 {
					b.Fatalf("not from the cache: %+v", st)
				}
				return err
			})
		})
	}
}

func measure(b *testing.B, load func() error) {
	cpu0 := cpuTime()
	for b.Loop() {
		if err := load(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
