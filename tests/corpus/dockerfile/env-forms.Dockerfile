FROM alpine:3.20
ENV A=1 B="two words" C=three\ four
ENV OLD form value
