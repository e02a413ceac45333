FROM docker.io/library/python:3.12-slim
USER 10001
