FROM alpine:3.20
RUN echo a \   
    && echo b
