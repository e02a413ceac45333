From alpine:3.20 As base
Run echo hi
