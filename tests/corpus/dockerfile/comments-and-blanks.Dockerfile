# a comment

   # indented comment
FROM alpine:3.20

# another
RUN true
