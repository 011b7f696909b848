package yamlx

import (
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestStringsIntern(t *testing.T) {
	var nilTable *Strings
	a := strings.Repeat("窓口", 3)
	if got := nilTable.Intern(a); unsafe.StringData(got) != unsafe.StringData(a) || nilTable.Len() != 0 {
		t.Error("a nil table does not keep the string as given")
	}
	var tab Strings
	texts := []string{"窓口", "Counter", "はい", "Yes"}
	kept := make([]string, len(texts))
	for i, s := range texts {
		kept[i] = tab.Intern(s)
	}
	// Many goroutines intern copies of the same texts (made at run time,
	// so not the constants' bytes): each gets the copy kept first.
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 100; n++ {
				for i, s := range texts {
					c := tab.Intern(strings.Clone(s))
					if c != s || unsafe.StringData(c) != unsafe.StringData(kept[i]) {
						t.Errorf("%q is not the copy kept first", c)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if tab.Len() != len(texts) {
		t.Errorf("Len = %d, want %d", tab.Len(), len(texts))
	}
	if tab.Intern("") != "" || tab.Len() != len(texts) {
		t.Error("the empty string is kept")
	}
}
