package kagomedict

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/ikawaha/kagome-dict/dict"
)

func ipaPart(t *testing.T, name string) []byte {
	t.Helper()
	for _, f := range ipaZip(t).File {
		if f.Name == name {
			b, err := inflate(f)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no %s in the IPA dictionary", name)
	return nil
}

// The IPA dictionary's parts of speech are read directly (not through
// encoding/gob), and come out as kagome-dict's reader gives them.
func TestPOSDecodedDirectly(t *testing.T) {
	b := ipaPart(t, dict.POSDictFileName)
	want, err := dict.ReadPOSTable(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := decodePOS(b)
	if !ok {
		t.Fatal("decodePOS did not recognise the IPA dictionary's pos.dict")
	}
	if len(got.POSs) != len(want.POSs) || len(got.NameList) != len(want.NameList) {
		t.Fatalf("got %d POSs and %d names, want %d and %d", len(got.POSs), len(got.NameList), len(want.POSs), len(want.NameList))
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the POS tables differ")
	}
}

// A stream that is not what kagome-dict writes is left to encoding/gob.
func TestPOSOtherStreamsRefused(t *testing.T) {
	b := ipaPart(t, dict.POSDictFileName)
	for name, change := range map[string]func([]byte) []byte{
		"another type":   func(b []byte) []byte { b[len(gobDefPOSs)+len(gobDefPOS)-3] = 0x04; return b }, // POS of int
		"cut short":      func(b []byte) []byte { return b[:len(b)-1] },
		"bytes after":    func(b []byte) []byte { return append(b, 0) },
		"a longer count": func(b []byte) []byte { b[len(gobDefPOSs)+len(gobDefPOS)+7] = 0x06; return b },
	} {
		if _, ok := decodePOS(change(bytes.Clone(b))); ok {
			t.Errorf("%s: decoded", name)
		}
	}
}
