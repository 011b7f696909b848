package theme

import (
	"bytes"
	"crypto/sha256"
	"reflect"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/keyfile"
)

func readAssetCache(b []byte) (map[[32]byte]*builtAssets, error) {
	return keyfile.Parse(b, assetCacheMagic, readBuilt)
}

// A cache file reads back as written; a file cut anywhere, or with any
// byte changed, is refused whole (and reading it does not panic).
func TestAssetCacheFile(t *testing.T) {
	sets := map[[32]byte]*builtAssets{
		assetKey([]string{"/themes/a/assets/style.css"}): {
			inputs: []assetInput{{"themes/a/assets/_part.css", sha256.Sum256([]byte("p"))}, {"themes/a/assets/style.css", sha256.Sum256([]byte("s"))}},
			outs:   []assetOut{{"/out/assets/style-ABCD.css", []byte("body{color:#222}")}},
		},
		assetKey([]string{"/themes/b/assets/app.ts", "/themes/b/assets/style.css"}): {
			inputs: []assetInput{{"themes/b/assets/app.ts", sha256.Sum256([]byte("a"))}},
			outs:   []assetOut{{"/out/assets/app-X.js", []byte("(()=>{})();\n")}, {"/out/assets/style-Y.css", []byte{}}},
		},
	}
	keys := [][32]byte{assetKey([]string{"/themes/a/assets/style.css"}), assetKey([]string{"/themes/b/assets/app.ts", "/themes/b/assets/style.css"})}
	b := keyfile.Append([]byte(assetCacheMagic), keys[0], sets[keys[0]], appendBuilt)
	first := len(b) // the end of the first record
	b = keyfile.Append(b, keys[1], sets[keys[1]], appendBuilt)
	got, err := readAssetCache(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(sets) {
		t.Fatalf("%d sets read, want %d", len(got), len(sets))
	}
	for k, want := range sets {
		g := got[k]
		if g == nil || !reflect.DeepEqual(g.inputs, want.inputs) || len(g.outs) != len(want.outs) {
			t.Fatalf("set %x: read %+v, want %+v", k[:4], g, want)
		}
		for i := range want.outs {
			if g.outs[i].path != want.outs[i].path || !bytes.Equal(g.outs[i].data, want.outs[i].data) {
				t.Errorf("set %x, output %d: read %q %q, want %q %q", k[:4], i, g.outs[i].path, g.outs[i].data, want.outs[i].path, want.outs[i].data)
			}
		}
	}
	for n := len(assetCacheMagic) + 1; n < len(b); n++ {
		m, err := readAssetCache(b[:n])
		switch {
		case n == first && (err != nil || len(m) != 1):
			t.Errorf("the file cut after its first record: %d sets, %v; want 1, no error", len(m), err)
		case n != first && err == nil:
			t.Errorf("a file cut at %d of %d bytes read without error (%d sets)", n, len(b), len(m))
		}
	}
	for i := len(assetCacheMagic); i < len(b); i++ {
		bad := bytes.Clone(b)
		bad[i] ^= 0x20
		if _, err := readAssetCache(bad); err == nil {
			t.Errorf("a file with byte %d changed read without error", i)
		}
	}
}
