FROM registry.example.com/base/python:3.12 AS base
RUN python -V

FROM base
USER 10001
