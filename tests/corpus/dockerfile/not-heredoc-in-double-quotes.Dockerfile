FROM alpine:3.20
RUN echo "<<EOF is text"
USER 1000
