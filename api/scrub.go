package api

import "reflect"

// ScrubStrings runs Printable over every string reachable from v (a
// pointer to a domain value: its exported fields, slices, arrays and map
// values), so a provider's mapping can make a whole answer safe for the
// terminal in one call, and no field can be forgotten when one is added.
// Secrets (unexported fields) are left exact: they are shown only on
// request, and copied as they are.
func ScrubStrings(v any) {
	scrub(reflect.ValueOf(v))
}

var stringType = reflect.TypeFor[string]()

func scrub(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			scrub(v.Elem())
		}
	case reflect.String:
		if v.CanSet() {
			if s := v.String(); !isPrintable(s) {
				v.SetString(Printable(s))
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				scrub(f)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes, not text
		}
		for i := range v.Len() {
			scrub(v.Index(i))
		}
	case reflect.Map:
		if v.Type().Elem() != stringType && v.Type().Key() != stringType {
			return
		}
		iter := v.MapRange()
		type kv struct{ k, v reflect.Value }
		var bad []kv
		for iter.Next() {
			k, e := iter.Key(), iter.Value()
			if k.Kind() == reflect.String && !isPrintable(k.String()) || e.Kind() == reflect.String && !isPrintable(e.String()) {
				bad = append(bad, kv{k, e})
			}
		}
		for _, p := range bad {
			v.SetMapIndex(p.k, reflect.Value{})
			k, e := p.k, p.v
			if k.Kind() == reflect.String {
				k = reflect.ValueOf(Printable(k.String())).Convert(k.Type())
			}
			if e.Kind() == reflect.String {
				e = reflect.ValueOf(Printable(e.String())).Convert(e.Type())
			}
			v.SetMapIndex(k, e)
		}
	}
}

// Scrubbed is v with ScrubStrings applied, for a mapping's return.
func Scrubbed[T any](v T) T {
	ScrubStrings(&v)
	return v
}
