FROM alpine:3.20
RUN <<FILE1 cat > /a && <<FILE2 cat > /b
one
FILE1
two
FILE2
