FROM registry.example.com/base/python:3.12
USER 10001
