package kagomedict

import (
	"fmt"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
)

// BenchmarkDictLoad loads the IPA dictionary afresh in each iteration, with
// kagome-dict's loader (as ipa.Dict and ipa.DictShrink do) and with Load:
//
//	go test ./generator/internal/kagomedict -run '^$' -bench DictLoad -benchmem
func BenchmarkDictLoad(b *testing.B) {
	for _, full := range []bool{false, true} {
		name := "shrink"
		if full {
			name = "full"
		}
		b.Run(fmt.Sprintf("kagome/%s", name), func(b *testing.B) {
			zr := ipaZip(b)
			for b.Loop() {
				if _, err := dict.Load(zr, full); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("fast/%s", name), func(b *testing.B) {
			for b.Loop() {
				if _, err := LoadIPA(full); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
